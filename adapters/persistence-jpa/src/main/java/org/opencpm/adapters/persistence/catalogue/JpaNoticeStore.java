package org.opencpm.adapters.persistence.catalogue;

import java.time.Clock;
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
 *
 * <p>Every grant reads its notice and that notice's history. A published version never changes,
 * so it is cached for good once found; a history is cached for {@value #HISTORY_CACHE_MILLIS} ms
 * (a version published on this node is seen at once, one published on another node within that time).
 */
public final class JpaNoticeStore implements NoticeStore {

    static final long HISTORY_CACHE_MILLIS = 1000;

    private final JpaTransactions tx;
    private final CommittedCache<NoticeRef, Notice> published;
    private final CommittedCache<String, NoticeHistory> histories;

    public JpaNoticeStore(JpaTransactions tx, Clock clock) {
        this.tx = tx;
        this.published = new CommittedCache<>(tx, clock, Long.MAX_VALUE);
        this.histories = new CommittedCache<>(tx, clock, HISTORY_CACHE_MILLIS);
    }

    @Override
    public Optional<Notice> find(NoticeRef ref) {
        Optional<Notice> found = Optional.ofNullable(published.get(ref, () -> tx.read(em -> Optional.ofNullable(
                        em.find(NoticeJpaEntity.class, new NoticeJpaEntity.Key(ref.code(), ref.version())))
                .map(NoticeMapper::toNotice).orElse(null))));
        if (found.isEmpty()) {
            published.evictAfterCommit(ref);
        }
        return found;
    }

    @Override
    public NoticeHistory history(String code) {
        return histories.get(code, () -> new NoticeHistory(code, tx.read(em -> em.createQuery(
                        "SELECT n FROM NoticeJpaEntity n WHERE n.code = :code ORDER BY n.revision", NoticeJpaEntity.class)
                .setParameter("code", code)
                .getResultList().stream().map(NoticeMapper::toNotice).toList())));
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
        published.putAfterCommit(notice.ref(), notice);
        histories.evictAfterCommit(notice.ref().code());
    }
}
