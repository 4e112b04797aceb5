package org.opencpm.adapters.persistence.catalogue;

import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;

/**
 * Published notice versions in {@code notice}, append-only: the primary key (code, version) and
 * the unique key (code, revision) refuse a second row for either, as a
 * {@link ConcurrencyConflictException}.
 */
public final class JpaNoticeStore implements NoticeStore {

    private final JpaTransactions tx;

    public JpaNoticeStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Notice> find(NoticeRef ref) {
        return tx.read(em -> Optional.ofNullable(em.find(NoticeJpaEntity.class, new NoticeJpaEntity.Key(ref.code(), ref.version())))
                .map(NoticeMapper::toNotice));
    }

    @Override
    public NoticeHistory history(String code) {
        return new NoticeHistory(code, tx.read(em -> em.createQuery(
                        "SELECT n FROM NoticeJpaEntity n WHERE n.code = :code ORDER BY n.revision", NoticeJpaEntity.class)
                .setParameter("code", code)
                .getResultList().stream().map(NoticeMapper::toNotice).toList()));
    }

    @Override
    public List<Notice> all() {
        return tx.read(em -> em.createQuery("SELECT n FROM NoticeJpaEntity n ORDER BY n.code, n.revision", NoticeJpaEntity.class)
                .getResultList().stream().map(NoticeMapper::toNotice).toList());
    }

    @Override
    public void add(Notice notice) {
        tx.write(em -> {
            em.persist(NoticeMapper.toEntity(notice));
            return null;
        });
    }
}
