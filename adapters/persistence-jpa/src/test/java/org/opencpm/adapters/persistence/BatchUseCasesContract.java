package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aDenial;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.application.Ports;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.subject.ViewSubjectService;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.Phones;

/**
 * {@code consents:batch} on a database answers and writes as the same events recorded one by one:
 * the same script of events (new and known people, one person's events in order, idempotency keys
 * repeated and reused, a late event, double opt-in, a refused bundle, a minor with and without a
 * guardian, an erased person, identifiers of two people, an unknown purpose) is recorded one by
 * one for one set of people and as one batch for another, and each answer, each person's consents,
 * history, outbox entries, deliveries, confirmation tokens and decisions are compared. On each
 * database through a subclass.
 */
public abstract class BatchUseCasesContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");
    private static final ConnectorSubscriptions SUBSCRIPTIONS = change -> change.purpose().equals(Optional.of(MARKETING_SMS.code()))
            ? List.of("crm", "sms") : List.of("crm");

    private final FixedClock clock = new FixedClock(T0);
    private final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
    private static final PersonKeyCipher CIPHER = PersonKeyCipher.withRandomKeys();
    private final MemoryDecisionIndex index = new MemoryDecisionIndex();
    private Ports ports;
    private RecordConsentService consents;
    private ViewSubjectService subjects;
    private DecisionService decisions;
    private Notice policy;

    @BeforeAll
    void wireTheApplication() {
        if (persistence == null) {
            return;
        }
        JpaPersistence p = persistence;
        ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(), SUBSCRIPTIONS,
                p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(), index, p.decisionLog(),
                p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), vault, CIPHER, clock,
                p.transactions());
        consents = new RecordConsentService(ports, p.attachments());
        subjects = new ViewSubjectService(ports);
        decisions = new DecisionService(ports);
        ManagePurposesService purposes = new ManagePurposesService(ports);
        for (Purpose purpose : List.of(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION, HEALTH_ADVICE)) {
            purposes.define(new DefinePurposeCommand(purpose, ADMIN));
        }
        Set<PurposeCode> covered = Stream.of(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION, HEALTH_ADVICE).map(Purpose::code)
                .collect(Collectors.toSet());
        policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "隐私政策 2026-01", Optional.of("我们如何处理您的个人信息"), Optional.empty(), covered, false,
                Optional.of(clock.now().minus(Duration.ofDays(30))), ADMIN)).notice();
    }

    /** The people of one run of the script, and the person known before it, and the one being erased. */
    private final class People {
        final String run = unique();
        final Identifier first = Identifier.phone(mobile());
        final Identifier second = Identifier.phone(mobile());
        final Identifier secondsEmail = Identifier.email("li.lei+" + run + "@example.com");
        final Identifier child = Identifier.phone(mobile());
        final Identifier parent = Identifier.phone(mobile());
        final Identifier known = Identifier.phone(mobile());
        final Identifier erased = Identifier.phone(mobile());
        final SubjectId knownId;

        People() {
            knownId = consents.record(aGrant().by(known).of(PERSONALIZATION).on(policy).build()).receipts().getFirst().subjectId();
            SubjectId erasedId = consents.record(aGrant().by(erased).of(PERSONALIZATION).on(policy).build()).receipts().getFirst().subjectId();
            ports.transactions().inTransaction(() -> {
                ports.erasures().start(new Erasure(erasedId, EraseSubjectCommand.Reason.REQUEST, Optional.empty(), clock.now(),
                        clock.now(), Optional.empty()));
                return null;
            });
        }

        List<Identifier> all() {
            return List.of(first, second, secondsEmail, child, parent, known, erased);
        }

        List<RecordConsentCommand> script() {
            return List.of(
                    aGrant().by(first).of(MARKETING_SMS).on(policy).build(),
                    aGrant().by(first).of(PERSONALIZATION).on(policy).idempotencyKey("k1-" + run).build(),
                    aWithdrawal().by(first).of(MARKETING_SMS).build(),
                    aGrant().by(first).of(PERSONALIZATION).on(policy).idempotencyKey("k1-" + run).build(), // a repeat: 200
                    aGrant().by(first).of(MARKETING_EMAIL).on(policy).idempotencyKey("k1-" + run).build(), // the key reused: 422
                    aGrant().by(second).of(MARKETING_SMS, HEALTH_ADVICE).on(policy).build(), // bundled with a separate consent: refused
                    aGrant().by(second).of(MARKETING_SMS).on(policy).build(),
                    aGrant().by(first).of(MARKETING_SMS).on(policy).at(clock.now().minus(Duration.ofDays(1))).build(), // late
                    aGrant().by(known).of(MARKETING_SMS).on(policy).build(),
                    aGrant().by(erased).of(MARKETING_SMS).on(policy).build(), // being erased: refused
                    aGrant().by(first).of("no-such-purpose").on(policy).build(),
                    aGrant().by(child).of(MARKETING_SMS).on(policy).bornOn(LocalDate.of(2018, 5, 1)).build(), // no guardian
                    aGrant().by(child).of(MARKETING_SMS).on(policy).bornOn(LocalDate.of(2018, 5, 1)).withGuardian(parent).build(),
                    aGrant().by(first, known).of(MARKETING_EMAIL).on(policy).build(), // two people's identifiers
                    aGrant().by(secondsEmail, second).of(PERSONALIZATION).on(policy).build(),
                    aGrant().by(secondsEmail).of(MARKETING_EMAIL).on(policy).build(), // double opt-in: pending
                    aDenial().by(secondsEmail).of(MARKETING_SMS).build(),
                    aWithdrawal().by(known).of(PERSONALIZATION).build());
        }
    }

    @Test
    void a_batch_answers_and_writes_as_its_events_recorded_one_by_one() {
        People oneByOne = new People();
        People batched = new People();
        long eventsBefore = count("SELECT COUNT(*) FROM audit_event");

        List<BatchItemResult> oneByOneResults = new ArrayList<>();
        List<RecordConsentCommand> script = oneByOne.script();
        for (int i = 0; i < script.size(); i++) {
            try {
                oneByOneResults.add(BatchItemResult.recorded(i, consents.record(script.get(i))));
            } catch (DomainException refused) {
                oneByOneResults.add(BatchItemResult.refused(i, refused));
            }
        }
        long eventsOneByOne = count("SELECT COUNT(*) FROM audit_event") - eventsBefore;
        List<BatchItemResult> batchedResults = consents.recordAll(batched.script());

        Map<SubjectId, String> namesOneByOne = names(oneByOne);
        Map<SubjectId, String> namesBatched = names(batched);
        List<String> answersOneByOne = answers(oneByOneResults, namesOneByOne);
        List<String> answersBatched = answers(batchedResults, namesBatched);
        assertThat(answersBatched).isEqualTo(answersOneByOne);
        assertThat(answersBatched).filteredOn(a -> a.startsWith("refused")).hasSize(6);
        assertThat(count("SELECT COUNT(*) FROM audit_event") - eventsBefore - eventsOneByOne).isEqualTo(eventsOneByOne);
        for (int i = 0; i < oneByOne.all().size(); i++) {
            assertThat(written(batched, batched.all().get(i), namesBatched)).as("what is stored of person %d", i)
                    .isEqualTo(written(oneByOne, oneByOne.all().get(i), namesOneByOne));
        }
        assertThat(new AuditService(ports).verify().valid()).isTrue();
    }

    @Test
    void a_batch_of_a_thousand_new_people_writes_a_thousand_of_each_row_and_one_chain() {
        List<RecordConsentCommand> commands = new ArrayList<>();
        List<Identifier> phones = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Identifier phone = Identifier.phone(mobile());
            phones.add(phone);
            commands.add(aGrant().by(phone).of(MARKETING_SMS).on(policy).fromIp("203.0.113.9").idempotencyKey("bulk-" + unique()).build());
        }
        long subjectsBefore = count("SELECT COUNT(*) FROM subject");
        long keyedBefore = count("SELECT COUNT(*) FROM subject WHERE data_key IS NOT NULL");
        long eventsBefore = count("SELECT COUNT(*) FROM audit_event");
        long deliveriesBefore = count("SELECT COUNT(*) FROM outbox_delivery");
        long keysBefore = count("SELECT COUNT(*) FROM idempotency");

        List<BatchItemResult> results = consents.recordAll(commands);

        assertThat(results).allMatch(BatchItemResult::succeeded);
        assertThat(count("SELECT COUNT(*) FROM subject") - subjectsBefore).isEqualTo(1000);
        assertThat(count("SELECT COUNT(*) FROM subject WHERE data_key IS NOT NULL") - keyedBefore).as("keys made for the evidence").isEqualTo(1000);
        assertThat(count("SELECT COUNT(*) FROM audit_event") - eventsBefore).isEqualTo(1000);
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery") - deliveriesBefore).isEqualTo(2000);
        assertThat(count("SELECT COUNT(*) FROM idempotency") - keysBefore).isEqualTo(1000);
        for (int i = 0; i < 1000; i += 97) {
            ConsentReceipt receipt = results.get(i).result().orElseThrow().receipts().getFirst();
            assertThat(ports.audit().find(receipt.receiptId())).get().extracting(AuditEvent::hash).isEqualTo(receipt.auditHash());
            assertThat(decisions.decide(new DecisionQuery(SubjectLocator.by(phones.get(i)), MARKETING_SMS.code(), UsageRequest.ANY))
                    .decision().allowed()).isTrue();
        }
        assertThat(new AuditService(ports).verify().valid()).isTrue();
    }

    /** Each subject of a run named by the person it is, so that two runs' answers compare. */
    private Map<SubjectId, String> names(People people) {
        Map<SubjectId, String> names = new HashMap<>();
        List<Identifier> all = people.all();
        for (int i = 0; i < all.size(); i++) {
            int person = i;
            subjects.lookup(List.of(all.get(i))).ifPresent(id -> names.putIfAbsent(id, "person " + person));
        }
        return names;
    }

    private static List<String> answers(List<BatchItemResult> results, Map<SubjectId, String> names) {
        return results.stream().map(r -> r.result().map(result -> answer(result, names))
                .orElseGet(() -> "refused " + r.error().orElseThrow().code())).toList();
    }

    private static String answer(RecordConsentResult result, Map<SubjectId, String> names) {
        return (result.replayed() ? "repeat " : "new ") + result.receipts().stream()
                .map(r -> String.join(" ", names.get(r.subjectId()), r.purpose().value(), r.state().code(), "current=" + r.current(),
                        "v" + r.version(), r.confirmationToken().isPresent() ? "token" : "-"))
                .toList();
    }

    /** What is stored of the person {@code who} leads to, with subject ids replaced by names. */
    private String written(People people, Identifier who, Map<SubjectId, String> names) {
        Optional<SubjectId> id = subjects.lookup(List.of(who));
        if (id.isEmpty()) {
            return "nobody";
        }
        String subject = id.get().value();
        Function<String, List<String>> rows = sql -> {
            List<String> lines = new ArrayList<>();
            try (var connection = persistence.dataSource().getConnection(); var query = connection.prepareStatement(sql)) {
                query.setString(1, subject);
                try (var result = query.executeQuery()) {
                    while (result.next()) {
                        List<String> columns = new ArrayList<>();
                        for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                            columns.add(String.valueOf(result.getObject(c)));
                        }
                        lines.add(String.join(",", columns));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return lines;
        };
        return String.join("\n", names.get(id.get()),
                "subject " + rows.apply("SELECT version, birth_date, declared_minor, data_key IS NOT NULL FROM subject WHERE id = ?"),
                "identifiers " + rows.apply("SELECT type FROM subject_identifier WHERE subject_id = ? ORDER BY type"),
                "consents " + rows.apply("SELECT purpose, state, version, notice_code, guardian_relation, channel FROM consent"
                        + " WHERE subject_id = ? ORDER BY purpose"),
                "history " + rows.apply("SELECT type, purpose, state, actor, channel, notice_version FROM audit_event WHERE subject_id = ?"
                        + " ORDER BY seq"),
                "outbox " + rows.apply("SELECT kind, purpose, state, version, erasure_due FROM outbox WHERE subject_id = ? ORDER BY id"),
                "deliveries " + rows.apply("SELECT connector_id, version, status FROM outbox_delivery WHERE subject_id = ? ORDER BY id"),
                "tokens " + rows.apply("SELECT purpose FROM confirmation_token WHERE subject_id = ?"),
                "decision " + Stream.of(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION).map(p -> decisions.decide(new DecisionQuery(
                        SubjectLocator.by(who), p.code(), UsageRequest.ANY)).decision().reason().name()).toList(),
                "people " + people.all().size());
    }

    private static String mobile() {
        return Phones.unique();
    }
}
