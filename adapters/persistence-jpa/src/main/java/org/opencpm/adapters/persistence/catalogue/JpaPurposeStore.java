package org.opencpm.adapters.persistence.catalogue;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The defined purposes, one row each in {@code purpose}. Every consent event reads its purposes,
 * so a purpose read is cached for {@value #CACHE_MILLIS} ms (a redefinition made on this node is
 * seen at once, one made on another node within that time).
 */
public final class JpaPurposeStore implements PurposeStore {

    static final long CACHE_MILLIS = 1000;

    private final JpaTransactions tx;
    private final CommittedCache<PurposeCode, Optional<Purpose>> cache;

    public JpaPurposeStore(JpaTransactions tx, Clock clock) {
        this.tx = tx;
        this.cache = new CommittedCache<>(tx, clock, CACHE_MILLIS);
    }

    @Override
    public Optional<Purpose> find(PurposeCode code) {
        return cache.get(code, () -> tx.read(em -> Optional.ofNullable(em.find(PurposeJpaEntity.class, code.value()))
                .map(PurposeMapper::toPurpose)));
    }

    /** All purposes in code order (sorted here: the database's collation may order '-', '.' and '_' otherwise). */
    @Override
    public List<Purpose> all() {
        return tx.read(em -> em.createQuery("SELECT p FROM PurposeJpaEntity p", PurposeJpaEntity.class).getResultList().stream()
                .map(PurposeMapper::toPurpose)
                .sorted(Comparator.comparing(Purpose::code))
                .toList());
    }

    @Override
    public void save(Purpose purpose) {
        tx.write(em -> {
            PurposeJpaEntity row = em.find(PurposeJpaEntity.class, purpose.code().value());
            if (row == null) {
                em.persist(PurposeMapper.toEntity(purpose));
            } else {
                row.body = PurposeMapper.body(purpose);
            }
            return null;
        });
        cache.putAfterCommit(purpose.code(), Optional.of(purpose));
    }
}
