package org.opencpm.application.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aDenial;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.SHARE_WITH_TMALL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ComplianceReport.Counts;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.ReportPeriod;
import org.opencpm.application.port.in.RightsRequestQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The compliance report of a seeded period, held to what the use cases behind the API answer. */
class ComplianceReportServiceTest {

    static final Identifier ANA = Identifier.phone("13800138101");
    static final Identifier BO = Identifier.phone("13800138102");
    static final Identifier CHILD = Identifier.phone("13800138103");
    static final Identifier PARENT = Identifier.phone("13800138104");
    static final Instant FROM = InMemoryOpenCpm.START;
    static final Instant TO = FROM.plus(Duration.ofDays(3));

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, HEALTH_ADVICE, SHARE_WITH_TMALL);
    private final SubjectId ana;
    private final SubjectId bo;
    private final SubjectId child;

    ComplianceReportServiceTest() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, HEALTH_ADVICE, SHARE_WITH_TMALL);
        cpm.clock.advance(Duration.ofHours(1));
        ana = grant(aGrant().by(ANA).of(MARKETING_SMS).on(v1));
        bo = grant(aGrant().by(BO).of(MARKETING_SMS).on(v1).through(CollectionChannel.APP, ConsentMethod.BUTTON));
        child = grant(aGrant().by(CHILD).minor(true).withGuardian(PARENT).of(HEALTH_ADVICE).on(v1));
        cpm.clock.advance(Duration.ofDays(1));
        cpm.recordConsent.record(aWithdrawal().by(ANA).of(MARKETING_SMS).build());
        cpm.recordConsent.record(aDenial().by(BO).of(SHARE_WITH_TMALL).on(v1).build());
        RightsRequest access = request(ana, RightsRequestType.ACCESS);
        RightsRequest deletion = request(bo, RightsRequestType.DELETION);
        cpm.rightsRequests.complete(access.id(), Optional.of("sent"), InMemoryOpenCpm.ADMIN);
        cpm.clock.advance(Duration.ofDays(1));
        Notice v2 = cpm.publish("privacy-policy", "2", true, MARKETING_SMS);
        cpm.clock.advance(Duration.ofDays(2)); // after the period: counted in no total of it
        cpm.recordConsent.record(aGrant().by(ANA).of(MARKETING_SMS).on(v2).build());
        assertThat(deletion.status()).isEqualTo(RightsRequestStatus.RECEIVED);
    }

    private SubjectId grant(org.opencpm.testfixtures.ConsentEvents event) {
        return cpm.recordConsent.record(event.build()).receipts().get(0).subjectId();
    }

    private RightsRequest request(SubjectId who, RightsRequestType type) {
        return cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.byId(who), type, CollectionChannel.CALL_CENTRE,
                new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.empty(), InMemoryOpenCpm.ADMIN));
    }

    private ComplianceReport report() {
        return cpm.complianceReport.report(new ReportPeriod(FROM, TO));
    }

    @Test
    @DisplayName("PIPL Art. 54: the report's consent counts are those of the audit export of the same window")
    void consent_counts_match_the_audit_export() {
        Map<String, Long> exported;
        try (Stream<AuditEvent> events = cpm.exportAudit.export(new AuditQuery(Optional.of(FROM), Optional.of(TO))).events()) {
            exported = events.filter(e -> e.type() == AuditEventType.CONSENT_RECORDED)
                    .collect(Collectors.groupingBy(e -> e.detail("action"), Collectors.counting()));
        }
        Counts total = report().consents().total();
        assertThat(total.grants()).isEqualTo(exported.get("grant")).isEqualTo(3);
        assertThat(total.withdrawals()).isEqualTo(exported.get("withdraw")).isEqualTo(1);
        assertThat(total.denials()).isEqualTo(exported.get("deny")).isEqualTo(1);
    }

    @Test
    @DisplayName("PIPL Art. 54: per purpose and channel, the counts add up the people's consent histories")
    void per_purpose_counts_match_the_histories() {
        Map<String, Long> fromHistories = Stream.of(ana, bo, child)
                .flatMap(s -> cpm.viewSubject.historyOf(s).stream())
                .filter(e -> e.type() == AuditEventType.CONSENT_RECORDED)
                .filter(e -> !e.recordedAt().isBefore(FROM) && e.recordedAt().isBefore(TO))
                .collect(Collectors.groupingBy(e -> e.purpose() + "/" + e.detail("action"), Collectors.counting()));
        ComplianceReport.ConsentActivity consents = report().consents();

        assertThat(consents.byPurpose().get("marketing-sms")).isEqualTo(new Counts(2, 1, 0, 0, 0));
        assertThat(fromHistories).containsEntry("marketing-sms/grant", 2L).containsEntry("marketing-sms/withdraw", 1L)
                .containsEntry("share-tmall/deny", 1L).containsEntry("health-advice/grant", 1L);
        assertThat(consents.byPurpose().get("share-tmall").denials()).isEqualTo(1);
        assertThat(consents.byPurpose().get("marketing-sms").withdrawalRate()).contains(0.5);
        assertThat(consents.byChannel().get("app")).isEqualTo(new Counts(1, 0, 0, 0, 0));
        assertThat(consents.byChannel().get("miniprogram").total()).isEqualTo(4);
    }

    @Test
    void the_series_puts_each_event_in_the_day_it_was_recorded() {
        List<Counts> series = report().consents().series();
        assertThat(series).hasSize(3);
        assertThat(series.get(0).grants()).isEqualTo(3);
        assertThat(series.get(1)).isEqualTo(new Counts(0, 1, 1, 0, 0));
        assertThat(series.get(2).total()).isZero();
        assertThat(report().consents().seriesByPurpose().get("marketing-sms").get(1).withdrawals()).isEqualTo(1);
    }

    @Test
    void events_outside_the_period_are_not_counted() {
        ComplianceReport second = cpm.complianceReport.report(new ReportPeriod(FROM.plus(Duration.ofDays(1)), TO));
        assertThat(second.consents().total()).isEqualTo(new Counts(0, 1, 1, 0, 0));
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: consents given on a notice version since changed materially are listed for re-consent")
    void consents_on_an_outdated_notice_are_due_for_reconsent() {
        ComplianceReport report = report();
        assertThat(report.reconsent()).containsExactly(new ComplianceReport.Reconsent("marketing-sms", "privacy-policy", "1", "2", 1));
        assertThat(report.peopleDueToReconsent()).isEqualTo(1);
        assertThat(report.redefined()).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: consents given before a material redefinition of their purpose are due to re-consent too")
    void consents_outdated_by_a_material_redefinition_are_due_for_reconsent() {
        Purpose withBloodType = Purpose.builder("health-advice").name("zh", "健康建议").category(PurposeCategory.SERVICE).sensitive(true)
                .dataElement(DataElement.named("health")).dataElement(DataElement.named("blood_type")).build();
        Instant redefinedAt = cpm.purposes.define(new DefinePurposeCommand(withBloodType, InMemoryOpenCpm.ADMIN)).purpose()
                .materiallyRedefinedAt().orElseThrow();
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.byId(child), HEALTH_ADVICE.code(), UsageRequest.ANY))
                .decision().reason()).isEqualTo(Reason.PURPOSE_REDEFINED);

        ComplianceReport report = report();

        assertThat(report.redefined()).containsExactly(new ComplianceReport.Redefined("health-advice", redefinedAt, 1));
        assertThat(report.reconsent()).extracting(ComplianceReport.Reconsent::purpose).containsExactly("marketing-sms");
        assertThat(report.peopleDueToReconsent()).isEqualTo(2);
    }

    @Test
    @DisplayName("a consent outdated both by a notice and by a redefinition is listed once, under the notice, as its decision reason says")
    void a_consent_outdated_twice_is_listed_once() {
        Purpose withEmail = Purpose.builder("marketing-sms").name("zh", "营销短信").category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone")).dataElement(DataElement.named("email")).validityDays(730).build();
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.purposes.define(new DefinePurposeCommand(withEmail, InMemoryOpenCpm.ADMIN));

        ComplianceReport report = report();

        // Bo's grant on notice 1 is outdated by notice 2 and by the redefinition; Ana's grant on notice 2 only by the redefinition
        assertThat(report.reconsent()).containsExactly(new ComplianceReport.Reconsent("marketing-sms", "privacy-policy", "1", "2", 1));
        assertThat(report.redefined()).extracting(ComplianceReport.Redefined::consents).containsExactly(1L);
        assertThat(report.peopleDueToReconsent()).isEqualTo(2);
    }

    @Test
    @DisplayName("PIPL Art. 23, 29, 31: separate consent coverage and minors' consents by guardian")
    void separate_consent_and_minors() {
        ComplianceReport report = report();
        Map<String, ComplianceReport.SeparateConsent> separate = report.separate().stream()
                .collect(Collectors.toMap(ComplianceReport.SeparateConsent::purpose, Function.identity()));
        assertThat(separate).containsOnlyKeys("health-advice", "share-tmall");
        assertThat(separate.get("health-advice").inForce()).isEqualTo(1);
        assertThat(separate.get("health-advice").grantsInPeriod()).isEqualTo(1);
        assertThat(separate.get("health-advice").grounds()).anySatisfy(g -> assertThat(g).contains("PIPL Art. 29"));
        assertThat(separate.get("share-tmall").inForce()).isZero();
        assertThat(report.minors()).isEqualTo(new ComplianceReport.Minors(1, 1, 1, 0, 1));
    }

    @Test
    @DisplayName("DSL Art. 21: the declared data elements by sensitivity grade")
    void data_elements_by_grade() {
        Map<String, List<ComplianceReport.DataElementUse>> grades = report().dataElements();
        assertThat(grades.get("sensitive")).extracting(ComplianceReport.DataElementUse::name).contains("health");
        assertThat(grades.get("general")).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("phone");
            assertThat(d.purposes()).containsExactly("marketing-sms", "share-tmall");
        });
    }

    @Test
    @DisplayName("PIPL Art. 50: rights requests of the period and those still open match the API's list")
    void rights_requests_match_the_list() {
        ComplianceReport.Rights rights = report().rights();
        List<RightsRequest> open = cpm.rightsRequests.list(new RightsRequestQuery(Optional.of(RightsRequestStatus.RECEIVED), false, 100));
        assertThat(rights.byType().get("access")).isEqualTo(new ComplianceReport.RightsCounts(1, 1, 0));
        assertThat(rights.byType().get("deletion")).isEqualTo(new ComplianceReport.RightsCounts(1, 0, 0));
        assertThat(rights.open()).extracting(ComplianceReport.OpenRequest::id).containsExactlyElementsOf(open.stream().map(RightsRequest::id).toList());
        assertThat(rights.overdue()).isEqualTo(cpm.rightsRequests.overdue());
    }

    @Test
    @DisplayName("the alerts raised in the period are listed from the alert store; the others are not")
    void the_alerts_section_lists_the_stored_alerts_of_the_period() {
        cpm.alertStore.add(new org.opencpm.domain.alert.Alert("in", "auth-failures", org.opencpm.domain.alert.AlertSeverity.CRITICAL,
                FROM.plusSeconds(60), java.util.Map.of("failures", "12")));
        cpm.alertStore.add(new org.opencpm.domain.alert.Alert("before", "auth-failures", org.opencpm.domain.alert.AlertSeverity.WARNING,
                FROM.minusSeconds(60), java.util.Map.of("failures", "9")));

        ComplianceReport.Alerts alerts = report().alerts();

        assertThat(alerts.connected()).isTrue();
        assertThat(alerts.raised()).extracting(ComplianceReport.Alert::id).containsExactly("in");
        assertThat(alerts.raised().getFirst().detail()).isEqualTo("failures=12");
    }

    @Test
    void without_an_alert_store_the_report_says_so() {
        cpm.reportAlerts = org.opencpm.application.port.out.ReportAlerts.NONE;
        assertThat(report().alerts().connected()).isFalse();
        ComplianceReport.Alert alert = new ComplianceReport.Alert("a1", "withdrawal-spike", "warning", FROM.plusSeconds(5), "x");
        cpm.reportAlerts = (from, to) -> List.of(alert);
        assertThat(report().alerts()).isEqualTo(new ComplianceReport.Alerts(true, List.of(alert)));
    }

    @Test
    void a_period_must_end_after_it_starts_and_span_at_most_two_years() {
        assertThatThrownBy(() -> new ReportPeriod(TO, FROM)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ReportPeriod(FROM, FROM)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ReportPeriod(FROM, FROM.plus(Duration.ofDays(732)))).isInstanceOf(InvalidValueException.class);
        assertThat(new ReportPeriod(FROM, FROM.plus(Duration.ofDays(365))).buckets()).isEqualTo(53);
    }
}
