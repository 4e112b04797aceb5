package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.subject.SubjectId;

/** Erasures, started and finished. Joins the caller's transaction. */
public interface ErasureStore {

    Optional<Erasure> find(SubjectId subject);

    /**
     * Records a started erasure.
     *
     * @throws ConcurrencyConflictException when the subject's erasure was started meanwhile
     */
    void start(Erasure erasure);

    /** Erasures not finished yet, oldest first, at most {@code limit}. */
    List<Erasure> unfinished(int limit);

    /**
     * Marks {@code erasure} finished ({@link Erasure#erasedAt()} set).
     *
     * @return false when it was finished already (another node got there first)
     */
    boolean finish(Erasure erasure);
}
