package org.opencpm.application.subject;

import java.util.Optional;
import org.opencpm.application.SubjectMergedException;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.SubjectId;

/**
 * Whether a subject still stands on its own or was absorbed by another (PIPL Art. 46 merge), for
 * the use cases that must not read or write a merged subject as if it were one.
 */
public final class MergedSubjects {

    /** Longer chains of merges than this are a broken store, not a person merged so often. */
    private static final int MAX_CHAIN = 1000;

    private MergedSubjects() {
    }

    /**
     * The subject that now stands for {@code id}: at the end of its chain of merges, empty when
     * {@code id} was never merged.
     */
    public static Optional<SubjectId> standingFor(SubjectStore subjects, SubjectId id) {
        Optional<SubjectId> next = subjects.mergedInto(id);
        SubjectId last = null;
        for (int i = 0; next.isPresent(); i++) {
            if (i == MAX_CHAIN) {
                throw new IllegalStateException("subject " + id + " was merged in a chain longer than " + MAX_CHAIN);
            }
            last = next.get();
            next = subjects.mergedInto(last);
        }
        return Optional.ofNullable(last);
    }

    /** @throws SubjectMergedException when {@code id} was merged into another subject */
    public static void requireOwn(SubjectStore subjects, SubjectId id) {
        Optional<SubjectId> standing = standingFor(subjects, id);
        if (standing.isPresent()) {
            throw new SubjectMergedException(id, standing.get());
        }
    }
}
