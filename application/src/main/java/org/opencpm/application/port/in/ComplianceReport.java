package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers of a compliance report. Counts over the period come from the audit trail (events
 * recorded in it, as the audit export of the same window lists them); the "now" sections (notices
 * due for re-consent, separate consent, minors, open requests, unfinished erasures, connectors) are
 * the state when the report was made. No identifier of a person appears in it.
 *
 * @param consents     consent events of the period, by purpose, channel and time
 * @param reconsent    consents in force given on a notice version since changed materially for their purpose
 * @param redefined    consents in force given before their purpose was redefined materially (PIPL Art. 14 ¶2), and
 *                     not already listed in {@code reconsent}: what the decisions answer {@code purpose_redefined} for
 * @param peopleDueToReconsent people with at least one consent in either list, each counted once
 * @param separate     purposes that need separate consent (PIPL Art. 23, 25, 29, 39) and how their consents stand
 * @param dataElements the declared data elements by sensitivity grade (DSL Art. 21; PIPL Art. 28)
 * @param connectors   each connector's delivery counts, as {@code GET /api/v1/connectors} gives them
 */
public record ComplianceReport(ReportPeriod period, Instant generatedAt, ConsentActivity consents, List<Reconsent> reconsent,
                               List<Redefined> redefined, int peopleDueToReconsent, List<SeparateConsent> separate, Minors minors,
                               Map<String, List<DataElementUse>> dataElements, Rights rights, Erasures erasures,
                               List<ConnectorHealth> connectors, Alerts alerts) {

    public ComplianceReport {
        reconsent = List.copyOf(reconsent);
        redefined = List.copyOf(redefined);
        separate = List.copyOf(separate);
        dataElements = Map.copyOf(dataElements);
        connectors = List.copyOf(connectors);
    }

    /** Consent events of one kind of act, counted. */
    public record Counts(long grants, long withdrawals, long denials, long confirmations, long expiries) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        public long total() {
            return grants + withdrawals + denials + confirmations + expiries;
        }

        /** Grants among the answers people gave (grants and denials); empty when none was given. */
        public Optional<Double> consentRate() {
            long asked = grants + denials;
            return asked == 0 ? Optional.empty() : Optional.of((double) grants / asked);
        }

        /** Withdrawals per grant recorded in the same period; empty when there was no grant. */
        public Optional<Double> withdrawalRate() {
            return grants == 0 ? Optional.empty() : Optional.of((double) withdrawals / grants);
        }
    }

    /**
     * @param byPurpose per purpose code, sorted
     * @param byChannel per collection channel code, sorted
     * @param series    the totals per bucket of the period ({@link ReportPeriod#bucket()}), oldest first
     * @param seriesByPurpose per purpose, its counts per bucket
     * @param late      events that arrived after a newer one and changed nothing (counted above too)
     */
    public record ConsentActivity(Counts total, Map<String, Counts> byPurpose, Map<String, Counts> byChannel,
                                  List<Counts> series, Map<String, List<Counts>> seriesByPurpose, long late,
                                  long guardianGrants) {
    }

    /** Consents to {@code purpose} in force on notice versions outdated by a material change. */
    public record Reconsent(String purpose, String noticeCode, String shownVersion, String currentVersion, long consents) {
    }

    /** Consents to {@code purpose} in force, granted before its material redefinition at {@code redefinedAt}. */
    public record Redefined(String purpose, Instant redefinedAt, long consents) {
    }

    /**
     * @param grounds        why it needs separate consent, each with its article
     * @param inForce        consents in force now
     * @param notExplicit    of those, given by a method that is not an explicit act (PIPL Art. 14)
     * @param grantsInPeriod grants recorded in the period
     */
    public record SeparateConsent(String purpose, List<String> grounds, long inForce, long notExplicit, long grantsInPeriod) {
    }

    /**
     * @param people             people who are minors today (under 14, PIPL Art. 31)
     * @param consentsInForce    their consents in force
     * @param byGuardian         of those, given by a guardian
     * @param withoutGuardian    of those, given by nobody recorded as a guardian: to be reviewed
     * @param guardianGrantsInPeriod grants a guardian gave in the period
     */
    public record Minors(long people, long consentsInForce, long byGuardian, long withoutGuardian, long guardianGrantsInPeriod) {
    }

    /** A declared data element and the purposes that declare it. */
    public record DataElementUse(String name, String category, List<String> purposes) {
    }

    /**
     * @param byType  per request type: received, completed, rejected in the period
     * @param late    answers given after their due date in the period
     * @param open    requests open now, oldest due first (at most {@value #LISTED})
     * @param overdue open requests past their due date now
     */
    public record Rights(Map<String, RightsCounts> byType, long late, List<OpenRequest> open, long openTotal, long overdue) {
        public static final int LISTED = 200;
    }

    public record RightsCounts(long received, long completed, long rejected) {
        public static final RightsCounts ZERO = new RightsCounts(0, 0, 0);
    }

    public record OpenRequest(String id, String type, String status, Instant receivedAt, Instant dueAt, boolean overdue) {
    }

    /**
     * @param started    erasures begun in the period (PIPL Art. 47)
     * @param finished   erasures finished in the period: keys destroyed
     * @param unfinished erasures under way now, with when they stop waiting for the connectors
     */
    public record Erasures(long started, long finished, List<UnfinishedErasure> unfinished) {
    }

    public record UnfinishedErasure(String reason, Optional<String> requestId, Instant startedAt, Instant waitUntil, boolean overdue) {
    }

    public record ConnectorHealth(String id, String name, String state, long pending, long delivered, long failed, long dead,
                                  Optional<Instant> oldestPending) {
    }

    /**
     * @param connected whether an alert store feeds the report; when false the section says so
     * @param raised    alerts raised in the period, newest first
     */
    public record Alerts(boolean connected, List<Alert> raised) {
    }

    public record Alert(String id, String rule, String severity, Instant raisedAt, String detail) {
    }
}
