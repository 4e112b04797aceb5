package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class ExpireConsentsServiceTest {

    /** marketing-sms is valid for 730 days: a grant this old lapsed 70 days ago. */
    private static final Instant GRANTED = InMemoryOpenCpm.START.minus(Duration.ofDays(800));
    private static final Instant LAPSED = GRANTED.plus(Duration.ofDays(730));

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();
    private final Notice policy;

    ExpireConsentsServiceTest() {
        cpm.clock.set(GRANTED.minus(Duration.ofDays(1)));
        cpm.withPurposes(MARKETING_SMS, PERSONALIZATION);
        policy = cpm.publish("privacy-policy", "2024-01", false, MARKETING_SMS, PERSONALIZATION);
        cpm.clock.set(InMemoryOpenCpm.START);
    }

    private ExpireConsentsService expiry() {
        return new ExpireConsentsService(cpm.ports);
    }

    private SubjectId grantAt(Identifier who, Instant at) {
        return cpm.recordConsent.record(aGrant().by(who).of(MARKETING_SMS).on(policy).at(at).build()).receipts().get(0).subjectId();
    }

    private Consent consentOf(SubjectId subject) {
        return cpm.consentStore.consentsOf(subject).get(MARKETING_SMS.code());
    }

    private List<AuditEvent> expiries() {
        return cpm.auditTrail.all().stream().filter(e -> "expire".equals(e.detail("action"))).toList();
    }

    @Test
    @DisplayName("PIPL Art. 15, 19: a grant past its validity is recorded as expired at its expiresAt, in the trail, to the connectors and in the index")
    void a_lapsed_grant_is_recorded_as_expired_with_everything_a_consent_event_gets() {
        SubjectId subject = grantAt(PHONE, GRANTED);
        int changesBefore = cpm.outbox.changes().size();

        assertThat(expiry().expireLapsed()).isEqualTo(1);

        Consent expired = consentOf(subject);
        assertThat(expired.state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(expired.changedAt()).isEqualTo(LAPSED);
        assertThat(expiries()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.CONSENT_RECORDED);
            assertThat(event.subjectId()).isEqualTo(subject.value());
            assertThat(event.state()).isEqualTo("expired");
            assertThat(event.actor()).isEqualTo("system");
            assertThat(event.occurredAt()).isEqualTo(LAPSED);
            assertThat(event.recordedAt()).isEqualTo(InMemoryOpenCpm.START);
            assertThat(event.detail("previousState")).isEqualTo("granted");
            assertThat(event.detail("erasureDue")).isEqualTo("true");
        });
        assertThat(cpm.outbox.changes()).hasSize(changesBefore + 1).last().satisfies(change -> {
            assertThat(change.subject()).isEqualTo(subject);
            assertThat(change.state()).contains(ConsentState.EXPIRED);
            assertThat(change.occurredAt()).isEqualTo(LAPSED);
            assertThat(change.erasureDue()).isTrue();
            assertThat(change.origin()).isEmpty();
            assertThat(change.auditEventId()).isEqualTo(expiries().get(0).eventId());
        });
        assertThat(cpm.decisionIndex.subject(subject).orElseThrow().consentTo(MARKETING_SMS.code()).orElseThrow().state())
                .isEqualTo(ConsentState.EXPIRED);
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)))
                .decision().reason()).isEqualTo(Reason.EXPIRED);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 15: an expiry run is idempotent: a second run finds nothing and records nothing")
    void a_second_run_records_nothing() {
        grantAt(PHONE, GRANTED);
        assertThat(expiry().expireLapsed()).isEqualTo(1);
        int events = cpm.auditTrail.all().size();
        int changes = cpm.outbox.changes().size();

        cpm.clock.advance(Duration.ofHours(1));
        assertThat(expiry().expireLapsed()).isZero();

        assertThat(cpm.auditTrail.all()).hasSize(events);
        assertThat(cpm.outbox.changes()).hasSize(changes);
    }

    @Test
    void a_grant_still_valid_or_without_validity_or_withdrawn_is_left_alone() {
        grantAt(Identifier.phone("13800138001"), InMemoryOpenCpm.START.minus(Duration.ofDays(700)));
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800138002")).of(PERSONALIZATION).on(policy).at(GRANTED).build());
        Identifier withdrew = Identifier.phone("13800138003");
        grantAt(withdrew, GRANTED);
        cpm.recordConsent.record(aWithdrawal().by(withdrew).of(MARKETING_SMS).at(GRANTED.plus(Duration.ofDays(1))).build());
        int events = cpm.auditTrail.all().size();

        assertThat(expiry().expireLapsed()).isZero();
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    @Test
    void every_page_is_expired_however_many_there_are() {
        List<SubjectId> subjects = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            subjects.add(grantAt(Identifier.phone("1380013810" + i), GRANTED.plusSeconds(i / 2)));
        }

        assertThat(new ExpireConsentsService(cpm.ports, 2).expireLapsed()).isEqualTo(7);

        assertThat(subjects).allSatisfy(subject -> assertThat(consentOf(subject).state()).isEqualTo(ConsentState.EXPIRED));
        assertThat(new ExpireConsentsService(cpm.ports, 2).expireLapsed()).isZero();
    }

    @Test
    @DisplayName("ADR 0005: a grant renewed between the listing and the expiry is in force and is not expired")
    void a_grant_renewed_after_it_was_listed_is_not_expired() {
        SubjectId subject = grantAt(PHONE, GRANTED);
        Instant renewal = InMemoryOpenCpm.START.minus(Duration.ofDays(1));
        ConsentStore racing = new ConsentStore() {
            @Override
            public Map<PurposeCode, Consent> consentsOf(SubjectId s) {
                return cpm.consentStore.consentsOf(s);
            }

            @Override
            public void save(Consent consent) {
                cpm.consentStore.save(consent);
            }

            @Override
            public List<Consent> lapsed(Instant by, Optional<Consent> after, int limit) {
                List<Consent> listed = cpm.consentStore.lapsed(by, after, limit);
                if (!listed.isEmpty()) {
                    grantAt(PHONE, renewal); // the person renews while the run is between its listing and its transaction
                }
                return listed;
            }
        };
        Ports p = cpm.ports;
        Ports ports = new Ports(p.purposes(), p.notices(), p.subjects(), racing, p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                p.decisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), p.vault(),
                p.personalCipher(), p.clock(), p.transactions());

        assertThat(new ExpireConsentsService(ports).expireLapsed()).isZero();

        assertThat(consentOf(subject).state()).isEqualTo(ConsentState.GRANTED);
        assertThat(consentOf(subject).changedAt()).isEqualTo(renewal);
        assertThat(expiries()).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 15: two nodes running the expiry at once record each expiry once")
    void runs_at_once_record_each_expiry_once() throws Exception {
        for (int i = 0; i < 20; i++) {
            grantAt(Identifier.phone("139001390" + String.format("%02d", i)), GRANTED.plusSeconds(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> new ExpireConsentsService(cpm.ports, 3).expireLapsed();
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run));
            assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(expiries()).hasSize(20);
        assertThat(expiries()).extracting(AuditEvent::subjectId).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("PIPL Art. 46: the grant of a record merged into another is history, not the person's: the expiry leaves it alone")
    void a_record_merged_into_another_is_not_expired() {
        SubjectId absorbed = grantAt(PHONE, GRANTED);
        SubjectId into = grantAt(Identifier.phone("13900139001"), InMemoryOpenCpm.START.minus(Duration.ofDays(1)));
        cpm.mergeSubjects.merge(into, absorbed, InMemoryOpenCpm.ADMIN);
        int changesBefore = cpm.outbox.changes().size();

        assertThat(expiry().expireLapsed()).isZero();

        assertThat(cpm.outbox.changes()).hasSize(changesBefore);
        assertThat(expiries()).isEmpty();
        assertThat(cpm.decisionIndex.subject(absorbed)).as("the merge dropped it from the index; nothing brings it back").isEmpty();
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY))
                .decision().reason()).as("the person's latest choice, under the record that absorbed the other").isEqualTo(Reason.GRANTED);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }
}
