package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/** The defined purposes. */
public interface PurposeStore {

    Optional<Purpose> find(PurposeCode code);

    /** All purposes, in code order. */
    List<Purpose> all();

    /** Inserts or replaces. */
    void save(Purpose purpose);
}
