package org.opencpm.application.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ComplianceReport.ConnectorHealth;
import org.opencpm.application.port.in.ComplianceReport.DataElementUse;
import org.opencpm.application.port.in.ComplianceReport.Erasures;
import org.opencpm.application.port.in.ComplianceReport.OpenRequest;
import org.opencpm.application.port.in.ComplianceReport.Reconsent;
import org.opencpm.application.port.in.ComplianceReport.Rights;
import org.opencpm.application.port.in.ComplianceReport.SeparateConsent;
import org.opencpm.application.port.in.ComplianceReport.UnfinishedErasure;
import org.opencpm.application.port.in.ComplianceReportUseCase;
import org.opencpm.application.port.in.ReportPeriod;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.ReportAlerts;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;

/**
 * Builds the compliance report (PIPL Art. 54: regular compliance audits; Art. 55–56: the record an
 * impact assessment rests on; DSL Art. 21: data by grade). The period's counts are aggregated as
 * the audit trail streams the period, one event at a time; the state "now" is read once from the
 * stores (one pass over every subject's state, as the decision index's warm-up does).
 */
public final class ComplianceReportService implements ComplianceReportUseCase {

    /** The day a person's age is judged on: the calendar of the people served (PIPL applies in China). */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final AuditTrail audit;
    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final SubjectStateSource states;
    private final RightsRequestStore rightsRequests;
    private final ErasureStore erasures;
    private final ConnectorRuntime connectors;
    private final DeadLetters deliveries;
    private final ReportAlerts alerts;
    private final Clock clock;

    public ComplianceReportService(AuditTrail audit, PurposeStore purposes, NoticeStore notices, SubjectStateSource states,
                                   RightsRequestStore rightsRequests, ErasureStore erasures, ConnectorRuntime connectors,
                                   DeadLetters deliveries, ReportAlerts alerts, Clock clock) {
        this.audit = audit;
        this.purposes = purposes;
        this.notices = notices;
        this.states = states;
        this.rightsRequests = rightsRequests;
        this.erasures = erasures;
        this.connectors = connectors;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** With the ports of the application and the alerts given. */
    public ComplianceReportService(Ports ports, ReportAlerts alerts) {
        this(ports.audit(), ports.purposes(), ports.notices(), ports.subjectStates(), ports.rightsRequests(), ports.erasures(),
                ports.connectorRuntime(), ports.deadLetters(), alerts, ports.clock());
    }

    @Override
    public ComplianceReport report(ReportPeriod period) {
        Instant now = clock.now();
        PeriodTally tally = new PeriodTally(period);
        try (Stream<AuditEvent> events = audit.events(Optional.of(period.from()), Optional.of(period.to()))) {
            events.forEach(tally::accept);
        }
        List<Purpose> defined = purposes.all();
        StateScan scan = StateScan.of(states, defined, notices, now, LocalDate.ofInstant(now, CHINA), tally.consents().guardianGrants());
        return new ComplianceReport(period, now, tally.consents(), scan.reconsent(), scan.redefined(),
                scan.peopleDueToReconsent(),
                separate(defined, scan, tally), scan.minors(), dataElements(defined), rights(tally, now),
                erasures(tally, now), connectors(),
                new ComplianceReport.Alerts(alerts.connected(), alerts.raisedBetween(period.from(), period.to())));
    }

    private static List<SeparateConsent> separate(List<Purpose> defined, StateScan scan, PeriodTally tally) {
        List<SeparateConsent> out = new ArrayList<>();
        for (Purpose p : defined) {
            var grounds = SeparateConsentPolicy.grounds(p);
            if (grounds.isEmpty()) {
                continue;
            }
            String code = p.code().value();
            out.add(new SeparateConsent(code, grounds.stream().map(g -> g.name().toLowerCase() + " (" + g.source() + ")").toList(),
                    scan.inForce(code), scan.notExplicit(code), tally.grantsOf(code)));
        }
        return out;
    }

    private static Map<String, List<DataElementUse>> dataElements(List<Purpose> defined) {
        Map<String, Map<String, List<String>>> byGrade = new TreeMap<>();
        Map<String, String> categories = new HashMap<>();
        for (Purpose p : defined) {
            for (DataElement d : p.dataElements()) {
                categories.put(d.name(), d.category().code());
                byGrade.computeIfAbsent(d.grade().code(), g -> new TreeMap<>())
                        .computeIfAbsent(d.name(), n -> new ArrayList<>()).add(p.code().value());
            }
        }
        Map<String, List<DataElementUse>> out = new TreeMap<>();
        byGrade.forEach((grade, elements) -> out.put(grade, elements.entrySet().stream()
                .map(e -> new DataElementUse(e.getKey(), categories.get(e.getKey()), List.copyOf(e.getValue()))).toList()));
        return out;
    }

    private Rights rights(PeriodTally tally, Instant now) {
        List<RightsRequest> open = new ArrayList<>(rightsRequests.list(Optional.of(RightsRequestStatus.RECEIVED), Optional.empty(),
                Rights.LISTED + 1));
        open.addAll(rightsRequests.list(Optional.of(RightsRequestStatus.IN_PROGRESS), Optional.empty(), Rights.LISTED + 1));
        open.sort(Comparator.comparing(RightsRequest::dueAt).thenComparing(RightsRequest::id));
        List<OpenRequest> listed = open.stream().limit(Rights.LISTED)
                .map(r -> new OpenRequest(r.id(), r.type().code(), r.status().code(), r.receivedAt(), r.dueAt(), r.dueAt().isBefore(now)))
                .toList();
        return new Rights(tally.rights(), tally.lateAnswers(), listed, open.size(), rightsRequests.countOverdue(now));
    }

    private Erasures erasures(PeriodTally tally, Instant now) {
        List<UnfinishedErasure> unfinished = erasures.unfinished(Rights.LISTED).stream()
                .map(e -> new UnfinishedErasure(e.reason().name().toLowerCase(), e.requestId(), e.startedAt(), e.waitUntil(),
                        e.waitUntil().isBefore(now)))
                .toList();
        return new Erasures(tally.erasuresStarted(), tally.erasuresFinished(), unfinished);
    }

    private List<ConnectorHealth> connectors() {
        return connectors.connectors().stream().map(info -> {
            DeliveryCounts c = deliveries.counts(info.id());
            return new ConnectorHealth(info.id(), info.name(), info.state().name().toLowerCase(), c.pending(), c.delivered(),
                    c.failed(), c.dead(), c.oldestPendingCreatedAtMillis().map(Instant::ofEpochMilli));
        }).toList();
    }
}
