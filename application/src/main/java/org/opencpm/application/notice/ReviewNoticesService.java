package org.opencpm.application.notice;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.NoticeReconsent;
import org.opencpm.application.port.in.ReviewNoticesUseCase;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/**
 * Lists notice versions and finds who must re-consent after a material one. The consents are read
 * from the decision index, in memory, rather than from the database: the walk costs what a
 * connector's reconciliation costs and never loads the database however often the console asks;
 * like that walk it is weakly consistent (a change committed meanwhile may or may not count).
 */
public final class ReviewNoticesService implements ReviewNoticesUseCase {

    private final NoticeStore notices;
    private final DecisionIndex index;
    private final Clock clock;

    public ReviewNoticesService(NoticeStore notices, DecisionIndex index, Clock clock) {
        this.notices = notices;
        this.index = index;
        this.clock = clock;
    }

    public ReviewNoticesService(Ports ports) {
        this(ports.notices(), ports.decisionIndex(), ports.clock());
    }

    @Override
    public List<Notice> versions() {
        return notices.all().stream()
                .sorted(Comparator.comparing((Notice n) -> n.ref().code()).thenComparingInt(Notice::revision))
                .toList();
    }

    @Override
    public Optional<NoticeReconsent> reconsent(NoticeRef ref, int limit) {
        NoticeHistory history = notices.history(ref.code());
        Optional<Notice> found = history.find(ref.version());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Notice notice = found.get();
        Instant now = clock.now();
        Walk walk = new Walk(notice, now, Math.max(1, Math.min(MAX_LIMIT, limit)));
        if (notice.material()) {
            index.forEachSubject(walk::accept);
        }
        return Optional.of(new NoticeReconsent(notice, now, walk.people, walk.consents, walk.byShownVersion(history), walk.byPurpose,
                List.copyOf(walk.first)));
    }

    /** One pass over the subjects: counts, and keeps the {@code limit} smallest ids. */
    private static final class Walk {
        private final Notice notice;
        private final Instant now;
        private final int limit;
        private long people;
        private long consents;
        private final Map<Integer, Long> byRevision = new HashMap<>();
        private final Map<String, Long> byPurpose = new HashMap<>();
        private final TreeSet<SubjectId> first = new TreeSet<>(Comparator.comparing(SubjectId::value));

        Walk(Notice notice, Instant now, int limit) {
            this.notice = notice;
            this.now = now;
            this.limit = limit;
        }

        synchronized void accept(SubjectState state) {
            boolean due = false;
            for (Consent c : state.consents().values()) {
                if (outdated(c)) {
                    due = true;
                    consents++;
                    byRevision.merge(c.notice().orElseThrow().revision(), 1L, Long::sum);
                    byPurpose.merge(c.purpose().value(), 1L, Long::sum);
                }
            }
            if (due) {
                people++;
                first.add(state.id());
                if (first.size() > limit) {
                    first.pollLast();
                }
            }
        }

        /** In force now, given on an older version of this notice, for a purpose this version covers. */
        private boolean outdated(Consent c) {
            if (c.notice().isEmpty() || c.stateAt(now) != ConsentState.GRANTED) {
                return false;
            }
            NoticeStamp shown = c.notice().get();
            return shown.ref().code().equals(notice.ref().code()) && shown.revision() < notice.revision() && notice.covers(c.purpose());
        }

        Map<String, Long> byShownVersion(NoticeHistory history) {
            Map<String, Long> out = new HashMap<>();
            byRevision.forEach((revision, n) -> out.put(history.versions().stream().filter(v -> v.revision() == revision)
                    .map(v -> v.ref().version()).findFirst().orElse("#" + revision), n));
            return out;
        }
    }
}
