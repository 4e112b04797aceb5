package org.opencpm.adapters.persistence.erasure;

import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore.RegisteredInThisTransaction;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * Persons' data keys in {@code subject_key}. A key is looked up with {@code EntityManager.find},
 * so the appends of one transaction for one person read it from the database once; for a person
 * registered by the transaction itself it is not looked for at all. Destroying it
 * is a {@code DELETE}: the bytes may linger in free database pages until the engine reuses them
 * (PostgreSQL's VACUUM, H2's compaction), still wrapped under the vault's key — see ADR 0010.
 */
public final class JpaSubjectKeyStore implements SubjectKeyStore {

    private final JpaTransactions tx;

    /** The transaction made {@code subject}'s key: it is in the persistence context from then on. */
    private record Made(SubjectId subject) {
    }

    public JpaSubjectKeyStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<WrappedKey> find(SubjectId subject) {
        if (tx.recall(new RegisteredInThisTransaction(subject)).isPresent() && tx.recall(new Made(subject)).isEmpty()) {
            return Optional.empty(); // a person registered by this very transaction has no key yet: no query
        }
        return tx.read(em -> Optional.ofNullable(em.find(SubjectKeyJpaEntity.class, subject.value()))
                .map(row -> WrappedKey.fromBase64(row.wrapped)));
    }

    @Override
    public void insert(SubjectId subject, WrappedKey key) {
        tx.write(em -> {
            em.persist(new SubjectKeyJpaEntity(subject.value(), key.base64()));
            return null;
        });
        tx.remember(new Made(subject), Boolean.TRUE);
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
