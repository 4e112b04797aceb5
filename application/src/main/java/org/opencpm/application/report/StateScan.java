package org.opencpm.application.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.application.port.in.ComplianceReport.Minors;
import org.opencpm.application.port.in.ComplianceReport.Reconsent;
import org.opencpm.application.port.in.ComplianceReport.Redefined;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeRedefinition;

/**
 * One pass over every subject's current state: the consents in force, which of them were given on
 * a notice version a later material version outdated for their purpose, or before their purpose
 * was redefined materially (either way the person must be asked again, PIPL Art. 14 and 17), how
 * separate consents were expressed, and the minors among them. A consent outdated both ways is
 * listed once, under the notice, as a decision names that reason first ({@code DecisionPolicy}).
 */
final class StateScan {

    private final Map<String, Long> inForce = new HashMap<>();
    private final Map<String, Long> notExplicit = new HashMap<>();
    /** purpose → notice code → shown version → [current version, count]. */
    private final Map<String, Map<String, Map<String, Object[]>>> outdated = new TreeMap<>();
    /** purpose → consents granted before its material redefinition. */
    private final Map<String, Long> redefined = new TreeMap<>();
    private final Map<String, Purpose> purposes = new HashMap<>();
    private long peopleDue;
    private long minors;
    private long minorConsents;
    private long minorByGuardian;
    private final Map<String, NoticeHistory> histories = new HashMap<>();
    private final NoticeStore notices;

    private StateScan(NoticeStore notices, List<Purpose> defined) {
        this.notices = notices;
        defined.forEach(p -> purposes.put(p.code().value(), p));
    }

    static StateScan of(SubjectStateSource states, List<Purpose> purposes, NoticeStore notices, Instant now, LocalDate today,
                        long guardianGrants) {
        StateScan scan = new StateScan(notices, purposes);
        scan.guardianGrants = guardianGrants;
        states.forEachSubject(state -> scan.accept(state, now, today));
        return scan;
    }

    private long guardianGrants;

    private void accept(SubjectState state, Instant now, LocalDate today) {
        boolean minor = state.subject().isMinorOn(today);
        if (minor) {
            minors++;
        }
        boolean due = false;
        for (Consent c : state.consents().values()) {
            if (c.stateAt(now) != ConsentState.GRANTED) {
                continue;
            }
            String purpose = c.purpose().value();
            inForce.merge(purpose, 1L, Long::sum);
            if (!c.method().isExplicit()) {
                notExplicit.merge(purpose, 1L, Long::sum);
            }
            if (minor) {
                minorConsents++;
                if (c.guardian().isPresent()) {
                    minorByGuardian++;
                }
            }
            boolean noticeOutdated = c.notice().isPresent() && outdatedBy(c, c.notice().get()).isPresent();
            boolean purposeRedefined = !noticeOutdated && purposes.containsKey(purpose)
                    && PurposeRedefinition.outdates(purposes.get(purpose), c.grantedAtEpochMilli());
            if (purposeRedefined) {
                redefined.merge(purpose, 1L, Long::sum);
            }
            due |= noticeOutdated || purposeRedefined;
        }
        if (due) {
            peopleDue++;
        }
    }

    private Optional<Notice> outdatedBy(Consent c, NoticeStamp stamp) {
        NoticeHistory history = histories.computeIfAbsent(stamp.ref().code(), notices::history);
        Optional<Notice> newer = history.materialChangeAfter(stamp.revision(), c.purpose());
        newer.ifPresent(n -> {
            Object[] row = outdated.computeIfAbsent(c.purpose().value(), p -> new TreeMap<>())
                    .computeIfAbsent(stamp.ref().code(), code -> new TreeMap<>())
                    .computeIfAbsent(stamp.ref().version(), v -> new Object[] {n.ref().version(), 0L});
            row[1] = (Long) row[1] + 1;
        });
        return newer;
    }

    long inForce(String purpose) {
        return inForce.getOrDefault(purpose, 0L);
    }

    long notExplicit(String purpose) {
        return notExplicit.getOrDefault(purpose, 0L);
    }

    List<Reconsent> reconsent() {
        List<Reconsent> out = new ArrayList<>();
        outdated.forEach((purpose, byCode) -> byCode.forEach((code, byVersion) -> byVersion.forEach((shown, row) ->
                out.add(new Reconsent(purpose, code, shown, (String) row[0], (Long) row[1])))));
        return out;
    }

    List<Redefined> redefined() {
        return redefined.entrySet().stream()
                .map(e -> new Redefined(e.getKey(), purposes.get(e.getKey()).materiallyRedefinedAt().orElseThrow(), e.getValue()))
                .toList();
    }

    int peopleDueToReconsent() {
        return (int) peopleDue;
    }

    Minors minors() {
        return new Minors(minors, minorConsents, minorByGuardian, minorConsents - minorByGuardian, guardianGrants);
    }
}
