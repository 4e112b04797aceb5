package org.opencpm.adapters.persistence.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore.RegisteredInThisTransaction;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.domain.subject.SubjectId;

/**
 * Erasures in {@code subject_erasure}. Finishing is one conditional {@code UPDATE} on a row not
 * finished yet, so that of two nodes finishing one erasure at once only one does.
 */
public final class JpaErasureStore implements ErasureStore {

    private final JpaTransactions tx;

    public JpaErasureStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Erasure> find(SubjectId subject) {
        if (tx.recall(new RegisteredInThisTransaction(subject)).isPresent()) {
            return Optional.empty(); // registered by this very transaction: never erased (ids are never reused)
        }
        return tx.read(em -> Optional.ofNullable(em.find(SubjectErasureJpaEntity.class, subject.value())).map(JpaErasureStore::toErasure));
    }

    @Override
    public void start(Erasure erasure) {
        tx.write(em -> {
            SubjectErasureJpaEntity row = new SubjectErasureJpaEntity();
            row.subjectId = erasure.subject().value();
            row.reason = erasure.reason().name().toLowerCase(Locale.ROOT);
            row.requestId = erasure.requestId().orElse(null);
            row.startedAt = erasure.startedAt().toEpochMilli();
            row.waitUntil = erasure.waitUntil().toEpochMilli();
            row.erasedAt = erasure.erasedAt().map(Instant::toEpochMilli).orElse(null);
            em.persist(row);
            em.flush();
            return null;
        });
    }

    @Override
    public List<Erasure> unfinished(int limit) {
        return tx.read(em -> em.createQuery("SELECT e FROM SubjectErasureJpaEntity e WHERE e.erasedAt IS NULL"
                        + " ORDER BY e.waitUntil, e.subjectId", SubjectErasureJpaEntity.class)
                .setMaxResults(limit)
                .getResultList().stream().map(JpaErasureStore::toErasure).toList());
    }

    @Override
    public boolean finish(Erasure erasure) {
        long at = erasure.erasedAt().orElseThrow(() -> new IllegalArgumentException("a finished erasure has its time")).toEpochMilli();
        return tx.write(em -> {
            int updated = em.createQuery("UPDATE SubjectErasureJpaEntity e SET e.erasedAt = :at"
                            + " WHERE e.subjectId = :subject AND e.erasedAt IS NULL")
                    .setParameter("at", at)
                    .setParameter("subject", erasure.subject().value())
                    .executeUpdate();
            return updated == 1;
        });
    }

    private static Erasure toErasure(SubjectErasureJpaEntity row) {
        return new Erasure(SubjectId.of(row.subjectId), EraseSubjectCommand.Reason.valueOf(row.reason.toUpperCase(Locale.ROOT)),
                Optional.ofNullable(row.requestId), Instant.ofEpochMilli(row.startedAt), Instant.ofEpochMilli(row.waitUntil),
                Optional.ofNullable(row.erasedAt).map(Instant::ofEpochMilli));
    }
}
