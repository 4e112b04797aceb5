package org.opencpm.application.port.out;

import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.opencpm.domain.subject.SubjectId;

/**
 * Reads subjects' states and identifier links: every one, to fill the decision index at start, and
 * those of a few subjects, to follow what other nodes committed ({@link ChangeLog}).
 */
public interface SubjectStateSource {

    void forEachSubject(Consumer<SubjectState> action);

    void forEachIdentifier(BiConsumer<IdentifierHash, SubjectId> action);

    /**
     * Calls {@code action} with the state, as committed now, of each of {@code ids} that is a
     * subject of its own — not one never stored, erased or merged into another —, in no order. The
     * subject is read before its consents and preferences, so the version a state carries is never
     * newer than what it holds.
     */
    void forEachSubjectOf(Collection<SubjectId> ids, Consumer<SubjectState> action);

    /** Calls {@code action} with each identifier that leads to one of {@code ids}, as committed now. */
    void forEachIdentifierOf(Collection<SubjectId> ids, BiConsumer<IdentifierHash, SubjectId> action);
}
