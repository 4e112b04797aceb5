package org.opencpm.application.subject;

import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/**
 * Whether a subject's erasure (PIPL Art. 47) has started or finished, for the use cases that read
 * or change a person by id. Once an erasure has started, every connector has been sent the person's
 * erasure: a change of them after it (a grant, preferences, identifiers, a merge) would reach the
 * platforms after the erasure and have them take the person back, so it is refused. Checked after
 * the subject's row is read (and in a database locked): an erasure starts while holding that row,
 * so a writer either commits before the start (and is withdrawn and erased with the rest) or sees
 * the erasure here.
 */
public final class ErasedSubjects {

    private ErasedSubjects() {
    }

    /** @throws SubjectErasedException when {@code id}'s erasure has started or finished */
    public static void requireNotErasing(ErasureStore erasures, SubjectId id) {
        erasures.find(id).ifPresent(erasure -> {
            throw new SubjectErasedException(id, erasure.finished());
        });
    }

    /** What to answer for a subject id with no subject: erased (410) when it was, unknown (404) otherwise. */
    public static DomainException missing(ErasureStore erasures, SubjectId id) {
        if (erasures.find(id).filter(Erasure::finished).isPresent()) {
            return new SubjectErasedException(id);
        }
        return new SubjectNotFoundException(id);
    }
}
