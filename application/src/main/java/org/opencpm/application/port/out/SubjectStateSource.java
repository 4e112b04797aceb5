package org.opencpm.application.port.out;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.opencpm.domain.subject.SubjectId;

/** Reads every subject's state and every identifier link, to fill the decision index at start. */
public interface SubjectStateSource {

    void forEachSubject(Consumer<SubjectState> action);

    void forEachIdentifier(BiConsumer<IdentifierHash, SubjectId> action);
}
