package org.opencpm.adapters.persistence.subject;

import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Subjects in {@code subject} and their identifiers in {@code subject_identifier}.
 *
 * <p>An update is one statement, {@code UPDATE subject … WHERE id = ? AND version = ?}: it takes
 * the row lock, so concurrent writers of one subject queue up on it (before they reach the audit
 * head, which keeps the lock order the same everywhere), and every writer but the first finds
 * the version changed, updates no row and gets a {@link ConcurrencyConflictException}.
 */
public final class JpaSubjectStore implements SubjectStore {

    private final JpaTransactions tx;

    public JpaSubjectStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SubjectId> findByIdentifier(IdentifierHash hash) {
        return tx.read(em -> Optional.ofNullable(em.find(SubjectIdentifierJpaEntity.class, hash.hex()))
                .map(row -> SubjectId.of(row.subjectId)));
    }

    @Override
    public Optional<Subject> find(SubjectId id) {
        return tx.read(em -> Optional.ofNullable(em.find(SubjectJpaEntity.class, id.value())).map(SubjectMapper::toSubject));
    }

    @Override
    public void save(Subject subject, Optional<Long> expectedVersion) {
        tx.write(em -> {
            if (expectedVersion.isEmpty()) {
                em.persist(SubjectMapper.toEntity(subject));
                return null;
            }
            // a null bound without a type is refused by some drivers: NULL is written as a literal
            Query update = em.createQuery("UPDATE SubjectJpaEntity s SET s.birthDate = "
                    + (subject.birthDate().isPresent() ? ":birthDate" : "NULL")
                    + ", s.declaredMinor = :minor, s.version = :version, s.registeredAt = :registeredAt"
                    + " WHERE s.id = :id AND s.version = :expected");
            subject.birthDate().ifPresent(date -> update.setParameter("birthDate", date));
            int updated = update
                    .setParameter("minor", subject.declaredMinor())
                    .setParameter("version", subject.version())
                    .setParameter("registeredAt", subject.registeredAt().toEpochMilli())
                    .setParameter("id", subject.id().value())
                    .setParameter("expected", expectedVersion.get())
                    .executeUpdate();
            if (updated != 1) {
                throw new ConcurrencyConflictException("subject " + subject.id() + " changed meanwhile");
            }
            return null;
        });
    }

    @Override
    public void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
        tx.write(em -> {
            em.persist(SubjectMapper.toEntity(id, type, hash, sealed));
            return null;
        });
    }

    @Override
    public List<LinkedIdentifier> identifiersOf(SubjectId id) {
        return tx.read(em -> em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i WHERE i.subjectId = :subject ORDER BY i.hash",
                        SubjectIdentifierJpaEntity.class)
                .setParameter("subject", id.value())
                .getResultList().stream().map(SubjectMapper::toLinked).toList());
    }

    /** A page of subjects with ids after {@code afterId} (from the first when empty), in id order. */
    public List<Subject> page(Optional<String> afterId, int size) {
        return tx.read(em -> {
            TypedQuery<SubjectJpaEntity> query = afterId.isEmpty()
                    ? em.createQuery("SELECT s FROM SubjectJpaEntity s ORDER BY s.id", SubjectJpaEntity.class)
                    : em.createQuery("SELECT s FROM SubjectJpaEntity s WHERE s.id > :after ORDER BY s.id", SubjectJpaEntity.class)
                            .setParameter("after", afterId.get());
            return query.setMaxResults(size).getResultList().stream().map(SubjectMapper::toSubject).toList();
        });
    }

    /** A page of identifier links with hashes after {@code afterHash} (from the first when empty), in hash order. */
    public List<Link> linkPage(Optional<String> afterHash, int size) {
        return tx.read(em -> {
            TypedQuery<SubjectIdentifierJpaEntity> query = afterHash.isEmpty()
                    ? em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i ORDER BY i.hash", SubjectIdentifierJpaEntity.class)
                    : em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i WHERE i.hash > :after ORDER BY i.hash",
                            SubjectIdentifierJpaEntity.class).setParameter("after", afterHash.get());
            return query.setMaxResults(size).getResultList().stream()
                    .map(row -> new Link(new IdentifierHash(row.hash), SubjectId.of(row.subjectId))).toList();
        });
    }

    /** An identifier hash and the subject it leads to. */
    public record Link(IdentifierHash hash, SubjectId subject) {
    }
}
