package org.opencpm.application.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.ComplianceReport.ConsentActivity;
import org.opencpm.application.port.in.ComplianceReport.Counts;
import org.opencpm.application.port.in.ComplianceReport.RightsCounts;
import org.opencpm.application.port.in.ReportPeriod;
import org.opencpm.domain.audit.AuditEvent;

/**
 * What the audit events of a period add up to, counted one event at a time as the trail streams
 * them: memory grows with the purposes, channels and buckets, never with the events.
 */
final class PeriodTally {

    private final ReportPeriod period;
    private final Tally total = new Tally();
    private final Map<String, Tally> byPurpose = new HashMap<>();
    private final Map<String, Tally> byChannel = new HashMap<>();
    private final Tally[] series;
    private final Map<String, Tally[]> seriesByPurpose = new HashMap<>();
    private long late;
    private long guardianGrants;
    private final Map<String, long[]> rights = new HashMap<>();
    private long lateAnswers;
    private long erasuresStarted;
    private long erasuresFinished;

    PeriodTally(ReportPeriod period) {
        this.period = period;
        this.series = newSeries(period.buckets());
    }

    void accept(AuditEvent e) {
        switch (e.type()) {
            case CONSENT_RECORDED -> consent(e);
            case RIGHTS_REQUEST_RECEIVED -> rights(e, 0);
            case RIGHTS_REQUEST_COMPLETED -> rights(e, 1);
            case RIGHTS_REQUEST_REJECTED -> rights(e, 2);
            case SUBJECT_ERASURE_STARTED -> erasuresStarted++;
            case SUBJECT_ERASED -> erasuresFinished++;
            default -> { }
        }
    }

    private void consent(AuditEvent e) {
        String action = e.detail("action");
        if (action == null) {
            return;
        }
        int bucket = Math.min(period.bucketOf(e.recordedAt()), series.length - 1);
        String purpose = e.purpose() == null ? "?" : e.purpose();
        total.add(action);
        byPurpose.computeIfAbsent(purpose, p -> new Tally()).add(action);
        byChannel.computeIfAbsent(e.channel() == null ? "?" : e.channel(), c -> new Tally()).add(action);
        series[bucket].add(action);
        seriesByPurpose.computeIfAbsent(purpose, p -> newSeries(series.length))[bucket].add(action);
        if (!AuditRecords.isCurrent(e)) {
            late++;
        }
        if ("grant".equals(action) && e.detail("guardianRelation") != null) {
            guardianGrants++;
        }
    }

    private void rights(AuditEvent e, int column) {
        String type = e.detail("requestType") == null ? "?" : e.detail("requestType");
        rights.computeIfAbsent(type, t -> new long[3])[column]++;
        if (column > 0 && "false".equals(e.detail("onTime"))) {
            lateAnswers++;
        }
    }

    ConsentActivity consents() {
        Map<String, Counts> purposes = new TreeMap<>();
        byPurpose.forEach((p, t) -> purposes.put(p, t.counts()));
        Map<String, Counts> channels = new TreeMap<>();
        byChannel.forEach((c, t) -> channels.put(c, t.counts()));
        Map<String, List<Counts>> purposeSeries = new TreeMap<>();
        seriesByPurpose.forEach((p, s) -> purposeSeries.put(p, counts(s)));
        return new ConsentActivity(total.counts(), purposes, channels, counts(series), purposeSeries, late, guardianGrants);
    }

    /** Grants of {@code purpose} recorded in the period. */
    long grantsOf(String purpose) {
        Tally t = byPurpose.get(purpose);
        return t == null ? 0 : t.grants;
    }

    Map<String, RightsCounts> rights() {
        Map<String, RightsCounts> out = new TreeMap<>();
        rights.forEach((type, c) -> out.put(type, new RightsCounts(c[0], c[1], c[2])));
        return out;
    }

    long lateAnswers() {
        return lateAnswers;
    }

    long erasuresStarted() {
        return erasuresStarted;
    }

    long erasuresFinished() {
        return erasuresFinished;
    }

    private static Tally[] newSeries(int size) {
        Tally[] s = new Tally[size];
        for (int i = 0; i < size; i++) {
            s[i] = new Tally();
        }
        return s;
    }

    private static List<Counts> counts(Tally[] tallies) {
        List<Counts> out = new ArrayList<>(tallies.length);
        for (Tally t : tallies) {
            out.add(t.counts());
        }
        return out;
    }

    /** Counts by consent action code. */
    private static final class Tally {
        long grants;
        long withdrawals;
        long denials;
        long confirmations;
        long expiries;

        void add(String action) {
            switch (action) {
                case "grant" -> grants++;
                case "withdraw" -> withdrawals++;
                case "deny" -> denials++;
                case "confirm" -> confirmations++;
                case "expire" -> expiries++;
                default -> { }
            }
        }

        Counts counts() {
            return new Counts(grants, withdrawals, denials, confirmations, expiries);
        }
    }
}
