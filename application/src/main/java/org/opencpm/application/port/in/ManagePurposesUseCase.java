package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/** Define the purposes of processing, and read them. */
public interface ManagePurposesUseCase {

    /** The purpose as stored, and whether it is new. Redefining it identically changes nothing. */
    record Defined(Purpose purpose, boolean created, boolean changed) {
    }

    Defined define(DefinePurposeCommand command);

    Optional<Purpose> find(PurposeCode code);

    /** Every purpose, in code order. */
    List<Purpose> all();
}
