package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;

/** Published notice versions. Append-only: a version, once saved, is never replaced. */
public interface NoticeStore {

    Optional<Notice> find(NoticeRef ref);

    /** The versions of {@code code} in publication order (empty history when none). */
    NoticeHistory history(String code);

    /** Every version of every notice. */
    List<Notice> all();

    /**
     * Saves a new version.
     *
     * @throws ConcurrencyConflictException when that version or revision was saved meanwhile
     */
    void add(Notice notice);
}
