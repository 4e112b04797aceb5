package org.opencpm.adapters.persistence.rights;

import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.subject.SubjectId;

/**
 * Rights requests in {@code rights_request}. A move is one conditional {@code UPDATE} on the
 * status it was read in, so that of two nodes answering one request at once only one writes.
 * A request inserted as the sole open one of its subject and type carries its type in
 * {@code sole_open_type} until it is closed, and the unique key on (subject_id, sole_open_type)
 * refuses a second such row on every node (NULLs, the other requests', never collide).
 */
public final class JpaRightsRequestStore implements RightsRequestStore {

    private static final List<String> OPEN = List.of(RightsRequestStatus.RECEIVED.code(), RightsRequestStatus.IN_PROGRESS.code());

    private final JpaTransactions tx;

    public JpaRightsRequestStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(RightsRequest request) {
        tx.write(em -> {
            em.persist(RightsRequestMapper.fill(new RightsRequestJpaEntity(), request));
            return null;
        });
    }

    @Override
    public void insertSoleOpen(RightsRequest request) {
        tx.write(em -> {
            RightsRequestJpaEntity row = RightsRequestMapper.fill(new RightsRequestJpaEntity(), request);
            row.soleOpenType = row.type;
            em.persist(row);
            return null;
        });
    }

    /** A move that closes the request frees its subject and type for the next sole open one. */
    @Override
    public boolean update(RightsRequest moved, RightsRequestStatus expected) {
        return tx.write(em -> em.createQuery("UPDATE RightsRequestJpaEntity r SET r.status = :status, r.closedAt = :closedAt,"
                        + " r.resolution = :resolution" + (moved.status().isFinal() ? ", r.soleOpenType = NULL" : "")
                        + " WHERE r.id = :id AND r.status = :expected")
                .setParameter("status", moved.status().code())
                .setParameter("closedAt", moved.closedAt().map(Instant::toEpochMilli).orElse(null))
                .setParameter("resolution", moved.resolution().orElse(null))
                .setParameter("id", moved.id())
                .setParameter("expected", expected.code())
                .executeUpdate() == 1);
    }

    @Override
    public Optional<RightsRequest> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(RightsRequestJpaEntity.class, id)).map(RightsRequestMapper::toRequest));
    }

    @Override
    public List<RightsRequest> list(Optional<RightsRequestStatus> status, Optional<Instant> openAndDueBefore, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM RightsRequestJpaEntity r WHERE 1 = 1");
        status.ifPresent(s -> jpql.append(" AND r.status = :status"));
        openAndDueBefore.ifPresent(at -> jpql.append(" AND r.status IN :open AND r.dueAt < :before"));
        jpql.append(" ORDER BY r.dueAt, r.id");
        return tx.read(em -> {
            TypedQuery<RightsRequestJpaEntity> query = em.createQuery(jpql.toString(), RightsRequestJpaEntity.class);
            status.ifPresent(s -> query.setParameter("status", s.code()));
            openAndDueBefore.ifPresent(at -> query.setParameter("open", OPEN).setParameter("before", at.toEpochMilli()));
            return query.setMaxResults(limit).getResultList().stream().map(RightsRequestMapper::toRequest).toList();
        });
    }

    @Override
    public boolean anyOpenOf(SubjectId subject) {
        return tx.read(em -> !em.createQuery("SELECT r.id FROM RightsRequestJpaEntity r WHERE r.subjectId = :subject AND r.status IN :open",
                        String.class)
                .setParameter("subject", subject.value()).setParameter("open", OPEN).setMaxResults(1).getResultList().isEmpty());
    }

    @Override
    public List<RightsRequest> openOf(SubjectId subject) {
        return tx.read(em -> em.createQuery("SELECT r FROM RightsRequestJpaEntity r WHERE r.subjectId = :subject AND r.status IN :open"
                        + " ORDER BY r.dueAt, r.id", RightsRequestJpaEntity.class)
                .setParameter("subject", subject.value()).setParameter("open", OPEN)
                .getResultList().stream().map(RightsRequestMapper::toRequest).toList());
    }

    @Override
    public long countOverdue(Instant now) {
        return tx.read(em -> em.createQuery("SELECT COUNT(r) FROM RightsRequestJpaEntity r WHERE r.status IN :open AND r.dueAt < :now",
                        Long.class)
                .setParameter("open", OPEN).setParameter("now", now.toEpochMilli()).getSingleResult());
    }
}
