package org.opencpm.testfixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;

public final class InMemoryNoticeStore implements NoticeStore {

    private final List<Notice> notices = new CopyOnWriteArrayList<>();
    private final InMemoryTransactions tx;

    public InMemoryNoticeStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Notice> find(NoticeRef ref) {
        return notices.stream().filter(n -> n.ref().equals(ref)).findFirst();
    }

    @Override
    public NoticeHistory history(String code) {
        List<Notice> versions = new ArrayList<>();
        for (Notice notice : notices) {
            if (notice.ref().code().equals(code)) {
                versions.add(notice);
            }
        }
        return new NoticeHistory(code, versions);
    }

    @Override
    public List<Notice> all() {
        return List.copyOf(notices);
    }

    @Override
    public void add(Notice notice) {
        boolean taken = notices.stream().anyMatch(n -> n.ref().equals(notice.ref())
                || (n.ref().code().equals(notice.ref().code()) && n.revision() == notice.revision()));
        if (taken) {
            throw new ConcurrencyConflictException("notice " + notice.ref() + " or its revision exists already");
        }
        notices.add(notice);
        tx.onRollback(() -> notices.remove(notice));
    }
}
