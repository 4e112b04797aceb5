package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.application.Ports;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.ExpireConsentsService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.retention.RetentionService;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.Phones;

/**
 * The expiry run on a database, as two nodes sharing it run it: every lapsed grant's expiry is
 * recorded once, in the consent row, the audit chain and the outbox, however the two runs
 * interleave (the subject's row lock and expected version decide). Runs on each database through a
 * subclass ({@code H2ExpiryTest}, {@code PostgreSqlExpiryTest}, {@code MariaDbExpiryTest}). Works on
 * a purpose of its own, valid for a day, so that no other test's consents lapse. And the retention
 * check, also by two nodes at once: each person past retention is reported once.
 */
public abstract class ExpiryUseCaseContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");

    private final FixedClock clock = new FixedClock(T0);
    private final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();

    private static final org.opencpm.adapters.vault.PersonKeyCipher CIPHER = org.opencpm.adapters.vault.PersonKeyCipher.withRandomKeys();

    /** The ports of one node: its own decision index, warmed up from the shared database as at a start. */
    private Ports node() {
        JpaPersistence p = persistence;
        Ports ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                ConnectorSubscriptions.NONE, p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(),
                p.sendBudget(), new MemoryDecisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(),
                p.erasures(), p.shredder(), vault, CIPHER, clock, p.transactions());
        new org.opencpm.application.decision.DecisionIndexLoader(ports).warmUp();
        return ports;
    }

    @Test
    @DisplayName("PIPL Art. 15: two nodes running the expiry at once record each lapsed grant's expiry once")
    void two_nodes_expiring_at_once_record_each_expiry_once() throws Exception {
        Ports ports = node();
        Purpose daily = Purpose.builder("daily-" + unique()).name("zh", "每日").category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone")).validityDays(1).build();
        new ManagePurposesService(ports).define(new DefinePurposeCommand(daily, ADMIN));
        Notice terms = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("terms-" + unique(), "1"), "zh-CN",
                "条款", Optional.of("每日优惠"), Optional.empty(), Set.of(daily.code()), false,
                Optional.of(T0.minus(Duration.ofDays(30))), ADMIN)).notice();
        RecordConsentService consents = new RecordConsentService(ports, persistence.attachments());
        Instant granted = T0.minus(Duration.ofDays(10));
        List<SubjectId> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Identifier phone = Identifier.phone(Phones.unique());
            people.add(consents.record(aGrant().by(phone).of(daily).on(terms).at(granted.plusSeconds(i % 4)).build())
                    .receipts().get(0).subjectId());
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        int recorded;
        try {
            Callable<Integer> run = () -> new ExpireConsentsService(node()).expireLapsed();
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run));
            recorded = runs.get(0).get() + runs.get(1).get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(recorded).isEqualTo(people.size());
        for (SubjectId person : people) {
            assertThat(persistence.consents().consentsOf(person).get(daily.code()).state()).isEqualTo(ConsentState.EXPIRED);
            try (Stream<AuditEvent> history = persistence.audit().eventsOf(person)) {
                assertThat(history.filter(e -> "expire".equals(e.detail("action"))).toList()).singleElement()
                        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(granted.plus(Duration.ofDays(1))
                                .plusSeconds(people.indexOf(person) % 4)));
            }
        }
        assertThat(new ExpireConsentsService(node()).expireLapsed()).isZero();
        assertThat(new AuditService(ports).verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 19, 47: two nodes checking retention at once report each person past retention once")
    void two_nodes_checking_retention_at_once_report_each_person_once() throws Exception {
        Ports ports = node();
        Purpose kept = Purpose.builder("kept-" + unique()).name("zh", "保留").category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone")).retentionDays(1).build();
        new ManagePurposesService(ports).define(new DefinePurposeCommand(kept, ADMIN));
        Notice terms = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("terms-" + unique(), "1"), "zh-CN",
                "条款", Optional.of("保留一天"), Optional.empty(), Set.of(kept.code()), false,
                Optional.of(T0.minus(Duration.ofDays(30))), ADMIN)).notice();
        RecordConsentService consents = new RecordConsentService(ports, persistence.attachments());
        List<SubjectId> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Identifier phone = Identifier.phone(Phones.unique());
            consents.record(aGrant().by(phone).of(kept).on(terms).at(T0.minus(Duration.ofDays(20))).build());
            people.add(consents.record(aWithdrawal().by(phone).of(kept).at(T0.minus(Duration.ofDays(10))).build())
                    .receipts().get(0).subjectId());
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        int reported;
        try {
            Callable<Integer> check = () -> new RetentionService(node(), Optional.empty()).check().reported();
            List<Future<Integer>> checks = pool.invokeAll(List.of(check, check));
            reported = checks.get(0).get() + checks.get(1).get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(reported).isEqualTo(people.size());
        for (SubjectId person : people) {
            try (Stream<AuditEvent> history = persistence.audit().eventsOf(person)) {
                assertThat(history.filter(e -> e.type() == AuditEventType.ERASURE_DUE).toList()).singleElement()
                        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(T0.minus(Duration.ofDays(9))));
            }
        }
        assertThat(new RetentionService(node(), Optional.empty()).check().reported()).isZero();
        assertThat(new AuditService(ports).verify().valid()).isTrue();
    }
}
