package org.opencpm.adapters.persistence.erasure;

import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * Persons' data keys in {@code subject_key}. A key is looked up with {@code EntityManager.find},
 * so the appends of one transaction for one person read it from the database once. Destroying it
 * is a {@code DELETE}: the bytes may linger in free database pages until the engine reuses them
 * (PostgreSQL's VACUUM, H2's compaction), still wrapped under the vault's key — see ADR 0010.
 */
public final class JpaSubjectKeyStore implements SubjectKeyStore {

    private final JpaTransactions tx;

    public JpaSubjectKeyStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<WrappedKey> find(SubjectId subject) {
        return tx.read(em -> Optional.ofNullable(em.find(SubjectKeyJpaEntity.class, subject.value()))
                .map(row -> WrappedKey.fromBase64(row.wrapped)));
    }

    @Override
    public void insert(SubjectId subject, WrappedKey key) {
        tx.write(em -> {
            em.persist(new SubjectKeyJpaEntity(subject.value(), key.base64()));
            return null;
        });
    }

    @Override
    public boolean destroy(SubjectId subject) {
        return tx.write(em -> {
            SubjectKeyJpaEntity row = em.find(SubjectKeyJpaEntity.class, subject.value());
            if (row == null) {
                return false;
            }
            em.remove(row);
            em.flush();
            return true;
        });
    }
}
