package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.ORDER_DELIVERY;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.persistence.outbox.JpaOutbox;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.application.Ports;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.ConfirmDoubleOptInService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.decision.DecisionIndexLoader;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.IdempotencyKeyReusedException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConfirmDoubleOptInCommand;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.preference.ManagePreferencesService;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.security.ApiKeyService;
import org.opencpm.application.subject.ViewSubjectService;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.Phones;

/**
 * The real use cases on the JPA stores, end to end: the application's services, the keyed
 * identity vault and the in-memory decision index wired on {@link JpaPersistence} as the
 * distribution wires them, on each database through a subclass.
 */
public abstract class UseCasesContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");
    /** Every change goes to the CRM; consent changes of marketing SMS also to the SMS gateway. */
    private static final ConnectorSubscriptions SUBSCRIPTIONS = change -> change.purpose().equals(Optional.of(MARKETING_SMS.code()))
            ? List.of("crm", "sms") : List.of("crm");

    private final FixedClock clock = new FixedClock(Instant.parse("2026-11-29T02:00:00Z"));
    private final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
    private static final PersonKeyCipher CIPHER = PersonKeyCipher.withRandomKeys();
    private final MemoryDecisionIndex index = new MemoryDecisionIndex();
    private Ports ports;
    private RecordConsentService consents;
    private ViewSubjectService subjects;
    private DecisionService decisions;
    private AuditService audit;
    private ManagePreferencesService preferences;
    private Notice policy;

    @BeforeAll
    void wireTheApplication() {
        if (persistence == null) {
            return; // the database is optional here and not reachable: every test skips itself
        }
        ports = portsWith(index);
        consents = new RecordConsentService(ports, persistence.attachments());
        subjects = new ViewSubjectService(ports);
        decisions = new DecisionService(ports);
        audit = new AuditService(ports);
        preferences = new ManagePreferencesService(ports);
        ManagePurposesService purposes = new ManagePurposesService(ports);
        for (Purpose purpose : List.of(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION, HEALTH_ADVICE, ORDER_DELIVERY)) {
            purposes.define(new DefinePurposeCommand(purpose, ADMIN));
        }
        Set<PurposeCode> covered = Stream.of(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION, HEALTH_ADVICE, ORDER_DELIVERY)
                .map(Purpose::code).collect(Collectors.toSet());
        policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "隐私政策 2026-01", Optional.of("我们如何处理您的个人信息"), Optional.empty(), covered, false,
                Optional.of(clock.now().minus(Duration.ofDays(30))), ADMIN)).notice(); // shown for a month before: late events may be days old
    }

    private Ports portsWith(MemoryDecisionIndex decisionIndex) {
        JpaPersistence p = persistence;
        return new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(), SUBSCRIPTIONS,
                p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(), decisionIndex, p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), vault, CIPHER,
                clock, p.transactions());
    }

    @Test
    void a_grant_by_phone_is_found_by_the_phone_written_otherwise_withdrawn_and_told_oldest_first() {
        String mobile = mobile();
        ConsentReceipt granted = consents.record(aGrant().by(Identifier.phone(mobile)).of(MARKETING_SMS).on(policy).build()).receipts().get(0);
        SubjectId subject = granted.subjectId();

        String writtenOtherwise = "+86 " + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        assertThat(subjects.lookup(List.of(Identifier.phone(writtenOtherwise)))).contains(subject);
        assertThat(decide(Identifier.phone(writtenOtherwise), MARKETING_SMS)).isEqualTo(Reason.GRANTED);

        clock.advance(Duration.ofMinutes(5));
        ConsentReceipt withdrawn = consents.record(aWithdrawal().by(Identifier.phone("0086 " + mobile)).of(MARKETING_SMS).build())
                .receipts().get(0);

        assertThat(withdrawn.subjectId()).isEqualTo(subject);
        assertThat(withdrawn.version()).isEqualTo(2);
        assertThat(decide(Identifier.phone(mobile), MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN);
        assertThat(subjects.consentsOf(subject).consents()).singleElement()
                .satisfies(entry -> assertThat(entry.stateNow()).isEqualTo(ConsentState.WITHDRAWN));
        assertThat(subjects.historyOf(subject)).extracting(e -> e.detail("action"), AuditEvent::state, AuditEvent::eventId)
                .containsExactly(tuple("grant", "granted", granted.receiptId()), tuple("withdraw", "withdrawn", withdrawn.receiptId()));
        assertThat(subjects.receipt(subject, withdrawn.receiptId()).hash()).isEqualTo(withdrawn.auditHash());
        assertThat(outboxOf(subject)).extracting(c -> c.change().version(), c -> c.change().erasureDue())
                .containsExactly(tuple(1L, false), tuple(2L, true));
        for (String connector : List.of("crm", "sms")) {
            assertThat(deliveriesOf(connector, subject)).as(connector).extracting(d -> d.change().version(), d -> d.change().state(),
                            Delivery::status)
                    .containsExactly(tuple(1L, Optional.of(ConsentState.GRANTED), DeliveryStatus.PENDING),
                            tuple(2L, Optional.of(ConsentState.WITHDRAWN), DeliveryStatus.PENDING));
        }
        assertThat(deliveriesOf("crm", subject)).extracting(Delivery::change).containsExactlyElementsOf(
                outboxOf(subject).stream().map(JpaOutbox.Entry::change).toList());
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 29: a bundled grant with a sensitive purpose is refused and writes nothing")
    void a_bundled_grant_with_a_sensitive_purpose_is_refused_and_writes_nothing() {
        Identifier phone = Identifier.phone(mobile());
        long subjectsBefore = count("SELECT COUNT(*) FROM subject");
        long eventsBefore = count("SELECT COUNT(*) FROM audit_event");
        long outboxBefore = count("SELECT COUNT(*) FROM outbox");
        long deliveriesBefore = count("SELECT COUNT(*) FROM outbox_delivery");
        long consentsBefore = count("SELECT COUNT(*) FROM consent");

        assertThatThrownBy(() -> consents.record(aGrant().by(phone).of(MARKETING_SMS, HEALTH_ADVICE).on(policy).build()))
                .isInstanceOf(SeparateConsentPolicy.BundledConsentException.class);

        assertThat(subjects.lookup(List.of(phone))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM subject")).isEqualTo(subjectsBefore);
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(eventsBefore);
        assertThat(count("SELECT COUNT(*) FROM outbox")).isEqualTo(outboxBefore);
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery")).isEqualTo(deliveriesBefore);
        assertThat(count("SELECT COUNT(*) FROM consent")).isEqualTo(consentsBefore);
    }

    @Test
    void thirty_two_concurrent_clients_are_all_audited_and_each_subject_counts_its_versions_without_gaps() throws Exception {
        int clients = 32;
        int grantsEach = 5;
        List<String> ownPhones = Stream.generate(UseCasesContract::mobile).limit(clients / 2).toList();
        List<String> sharedPhones = Stream.generate(UseCasesContract::mobile).limit(4).toList();

        List<List<ConsentReceipt>> receiptsByClient = raceClients(clients, client -> {
            // even clients each have a subject of their own; odd ones share four subjects, four clients each
            String phone = client % 2 == 0 ? ownPhones.get(client / 2) : sharedPhones.get((client / 2) % 4);
            List<ConsentReceipt> mine = new ArrayList<>();
            for (int i = 0; i < grantsEach; i++) {
                Purpose purpose = i % 2 == 0 ? MARKETING_SMS : PERSONALIZATION;
                mine.addAll(consents.record(aGrant().by(Identifier.phone(phone)).of(purpose).on(policy).build()).receipts());
            }
            return mine;
        });

        List<ConsentReceipt> receipts = receiptsByClient.stream().flatMap(List::stream).toList();
        assertThat(receipts).hasSize(clients * grantsEach);
        for (ConsentReceipt receipt : receipts) {
            assertThat(ports.audit().find(receipt.receiptId())).get().extracting(AuditEvent::hash).isEqualTo(receipt.auditHash());
        }
        assertThat(audit.verify().valid()).isTrue();

        Map<SubjectId, List<ConsentReceipt>> bySubject = receipts.stream().collect(Collectors.groupingBy(ConsentReceipt::subjectId));
        assertThat(bySubject).hasSize(ownPhones.size() + sharedPhones.size());
        bySubject.forEach((subject, ofSubject) -> {
            List<Long> expected = LongStream.rangeClosed(1, ofSubject.size()).boxed().toList();
            assertThat(ofSubject.stream().map(ConsentReceipt::version).sorted().toList()).as("versions of %s", subject).isEqualTo(expected);
            try (Stream<AuditEvent> history = ports.audit().eventsOf(subject)) {
                assertThat(history.map(e -> Long.parseLong(e.detail("version"))).toList()).as("history of %s", subject).isEqualTo(expected);
            }
            assertThat(outboxOf(subject)).extracting(e -> e.change().version()).as("outbox of %s", subject).isEqualTo(expected);
            assertThat(deliveriesOf("crm", subject)).extracting(d -> d.change().version()).as("deliveries of %s", subject)
                    .isEqualTo(expected);
            assertThat(ports.subjects().find(subject).orElseThrow().version()).isEqualTo(ofSubject.size());
        });
    }

    @Test
    void a_fresh_decision_index_warmed_up_from_the_stores_decides_as_the_live_one() {
        Identifier granted = Identifier.phone(mobile());
        Identifier withdrawn = Identifier.phone(mobile());
        Identifier quiet = Identifier.email("li.lei+" + unique() + "@example.com");
        consents.record(aGrant().by(granted).of(MARKETING_SMS).on(policy).build());
        consents.record(aGrant().by(withdrawn).of(MARKETING_SMS).on(policy).build());
        consents.record(aWithdrawal().by(withdrawn).of(MARKETING_SMS).build());
        SubjectId quietSubject = consents.record(aGrant().by(quiet).of(PERSONALIZATION).on(policy).build()).receipts().get(0).subjectId();
        preferences.update(new UpdatePreferencesCommand(quietSubject, new Preferences(Map.of("promotions", false),
                Map.of(ContactChannel.EMAIL, ChannelPreference.disabled()), Optional.empty(), Optional.of("zh-CN")),
                CollectionChannel.PREFERENCE_CENTRE, new Actor("subject:self")));

        MemoryDecisionIndex restarted = new MemoryDecisionIndex();
        Ports afterRestart = portsWith(restarted);
        WarmUpDecisionIndexUseCase.Loaded loaded = new DecisionIndexLoader(afterRestart).warmUp();

        assertThat(loaded.purposes()).isGreaterThanOrEqualTo(5);
        assertThat(loaded.subjects()).isGreaterThanOrEqualTo(3);
        DecisionService live = decisions;
        DecisionService fresh = new DecisionService(afterRestart);
        List<DecisionQuery> queries = new ArrayList<>();
        for (Identifier who : List.of(granted, withdrawn, quiet, Identifier.phone(mobile()))) {
            for (Purpose purpose : List.of(MARKETING_SMS, PERSONALIZATION, ORDER_DELIVERY)) {
                queries.add(new DecisionQuery(SubjectLocator.by(who), purpose.code(), UsageRequest.ANY));
                queries.add(new DecisionQuery(SubjectLocator.by(who), purpose.code(), UsageRequest.on(ContactChannel.EMAIL)));
            }
        }
        for (DecisionQuery query : queries) {
            assertThat(fresh.decide(query)).as(query.toString()).isEqualTo(live.decide(query));
        }
        assertThat(fresh.decide(new DecisionQuery(SubjectLocator.by(granted), MARKETING_SMS.code(), UsageRequest.ANY)).decision().reason())
                .isEqualTo(Reason.GRANTED);
        assertThat(fresh.decide(new DecisionQuery(SubjectLocator.by(quiet), PERSONALIZATION.code(), UsageRequest.on(ContactChannel.EMAIL)))
                .decision().reason()).isEqualTo(Reason.CHANNEL_DISABLED);
    }

    @Test
    void a_double_opt_in_waits_for_its_token_which_works_once() {
        Identifier email = Identifier.email("han.meimei+" + unique() + "@example.com");
        ConsentReceipt pending = consents.record(aGrant().by(email).of(MARKETING_EMAIL).on(policy).build()).receipts().get(0);
        assertThat(pending.state()).isEqualTo(ConsentState.PENDING);
        assertThat(decide(email, MARKETING_EMAIL)).isEqualTo(Reason.PENDING_CONFIRMATION);

        ConfirmDoubleOptInService confirmations = new ConfirmDoubleOptInService(ports);
        ConfirmDoubleOptInCommand click = new ConfirmDoubleOptInCommand(pending.confirmationToken().orElseThrow(),
                new Evidence(CollectionChannel.EMAIL, ConsentMethod.EMAIL_LINK, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), Optional.empty(), new Actor("subject:self"));
        ConsentReceipt confirmed = confirmations.confirm(click);

        assertThat(confirmed.state()).isEqualTo(ConsentState.GRANTED);
        assertThat(confirmed.version()).isEqualTo(2);
        assertThat(decide(email, MARKETING_EMAIL)).isEqualTo(Reason.GRANTED);
        assertThatThrownBy(() -> confirmations.confirm(click)).isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("PIPL Art. 15: a grant older than a withdrawal, arriving after it, is kept as not current and changes nothing")
    void a_late_event_is_kept_in_the_chain_as_not_current_and_changes_nothing() {
        Identifier phone = Identifier.phone(mobile());
        Instant now = clock.now();
        consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).at(now.minus(Duration.ofHours(3))).build());
        consents.record(aWithdrawal().by(phone).of(MARKETING_SMS).at(now.minus(Duration.ofHours(1))).build());
        String key = "late-" + unique();

        RecordConsentResult late = consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy)
                .at(now.minus(Duration.ofHours(2))).idempotencyKey(key).build());

        ConsentReceipt receipt = late.receipts().get(0);
        SubjectId subject = receipt.subjectId();
        assertThat(receipt.current()).isFalse();
        assertThat(receipt.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(decide(phone, MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN);
        assertThat(ports.consents().consentsOf(subject).get(MARKETING_SMS.code()).changedAt()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(subjects.historyOf(subject)).extracting(e -> e.detail("action"), AuditEvent::state, AuditRecords::isCurrent)
                .containsExactly(tuple("grant", "granted", true), tuple("withdraw", "withdrawn", true), tuple("grant", "withdrawn", false));
        assertThat(outboxOf(subject)).extracting(c -> c.change().state()).containsExactly(Optional.of(ConsentState.GRANTED),
                Optional.of(ConsentState.WITHDRAWN));
        assertThat(deliveriesOf("sms", subject)).hasSize(2);
        assertThat(audit.verify().valid()).isTrue();
        assertThat(consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).at(now.minus(Duration.ofHours(2)))
                .idempotencyKey(key).build()).receipts()).isEqualTo(late.receipts());

        Ports afterRestart = portsWith(new MemoryDecisionIndex());
        new DecisionIndexLoader(afterRestart).warmUp();
        assertThat(new DecisionService(afterRestart).decide(new DecisionQuery(SubjectLocator.by(phone), MARKETING_SMS.code(),
                UsageRequest.ANY)).decision().reason()).isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void a_repeated_idempotency_key_replays_the_first_receipts_and_writes_nothing() {
        Identifier phone = Identifier.phone(mobile());
        String key = "idem-" + unique();
        RecordConsentResult first = consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).idempotencyKey(key).build());
        long events = count("SELECT COUNT(*) FROM audit_event");

        RecordConsentResult again = consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).idempotencyKey(key).build());

        assertThat(again.replayed()).isTrue();
        assertThat(again.receipts()).isEqualTo(first.receipts());
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(events);
    }

    @Test
    @DisplayName("PIPL Art. 15: a connector's event id is kept for good — a grant sent again after the outbox purge records nothing, nor does other content under its id")
    void a_connectors_event_id_stays_recorded_through_purges() {
        Identifier phone = Identifier.phone(mobile());
        Actor crm = Actor.connector("crm");
        String key = "connector:crm:evt-" + unique();
        consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).by(crm).idempotencyKey(key).build());
        consents.record(aWithdrawal().by(phone).of(MARKETING_SMS).by(crm).idempotencyKey("connector:crm:evt-" + unique()).build());
        long events = count("SELECT COUNT(*) FROM audit_event");
        persistence.deliveryRetention().purgeDelivered(Instant.now().plus(Duration.ofDays(3650)));

        RecordConsentResult replayed = consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).by(crm).idempotencyKey(key).build());
        assertThat(replayed.replayed()).isTrue();
        assertThatThrownBy(() -> consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).by(crm).fromIp("198.51.100.7")
                .idempotencyKey(key).build())).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(events);
        assertThat(decide(phone, MARKETING_SMS)).as("still withdrawn").isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void an_api_key_made_by_the_service_authenticates_from_the_database() {
        CreatedApiKey created = new ApiKeyService(ports).create(new CreateApiKeyCommand("CRM", Set.of(Role.INTEGRATOR), ADMIN));
        ApiKeyService afterRestart = new ApiKeyService(ports); // nothing remembered in memory
        assertThat(afterRestart.authenticate(created.key())).get().satisfies(principal -> assertThat(principal.roles()).containsExactly(Role.INTEGRATOR));
        assertThat(afterRestart.authenticate(created.key() + "x")).isEmpty();
    }

    @Test
    void a_key_revoked_on_one_node_is_refused_by_that_node_at_once_and_by_another_within_its_key_cache_time() {
        ApiKeyService nodeA = new ApiKeyService(ports);
        CreatedApiKey created = nodeA.create(new CreateApiKeyCommand("CRM", Set.of(Role.INTEGRATOR), ADMIN));
        try (JpaPersistence otherDatabaseConnection = JpaPersistence.start(database.settings())) {
            JpaPersistence p = otherDatabaseConnection;
            ApiKeyService nodeB = new ApiKeyService(new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(),
                    p.audit(), p.outbox(), SUBSCRIPTIONS, p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(),
                    p.sendBudget(), new MemoryDecisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), vault,
                    CIPHER, clock, p.transactions()));
            assertThat(nodeB.authenticate(created.key())).isPresent(); // node B has seen the key pass

            assertThat(nodeA.authenticate(created.key())).isPresent(); // and so has node A

            nodeA.revoke(created.id(), ADMIN);

            assertThat(nodeA.authenticate(created.key())).as("the node that revoked it").isEmpty();
            clock.advance(ApiKeyService.DEFAULT_KEY_CACHE);
            assertThat(nodeB.authenticate(created.key())).as("another node, once its key cache time has passed").isEmpty();
        }
    }

    @Test
    void a_key_stored_as_plain_sha256_before_the_upgrade_still_passes_and_is_rehashed_on_first_use() throws Exception {
        String legacyKey = "opk_legacy" + unique() + unique();
        String id = "key_" + unique();
        try (var connection = persistence.dataSource().getConnection();
             var insert = connection.prepareStatement("INSERT INTO api_key (id, name, key_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "made by 0.1");
            insert.setString(3, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(legacyKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            insert.setString(4, "integrator");
            insert.setLong(5, clock.now().toEpochMilli());
            insert.executeUpdate();
        }
        ApiKeyService service = new ApiKeyService(ports);

        assertThat(service.authenticate(legacyKey)).map(principal -> principal.keyId()).contains(id);

        assertThat(count("SELECT COUNT(*) FROM api_key WHERE id = ? AND hash_algorithm = 'hmac-sha256' AND key_hash = ?", id,
                vault.apiKeyHash(legacyKey))).isEqualTo(1);
        assertThat(service.authenticate(legacyKey)).isPresent();
    }

    private Reason decide(Identifier who, Purpose purpose) {
        return decisions.decide(new DecisionQuery(SubjectLocator.by(who), purpose.code(), UsageRequest.ANY)).decision().reason();
    }

    private List<JpaOutbox.Entry> outboxOf(SubjectId subject) {
        List<JpaOutbox.Entry> entries = new ArrayList<>();
        long after = 0;
        List<JpaOutbox.Entry> page;
        do {
            page = persistence.outbox().after(after, 1000);
            page.stream().filter(e -> e.change().subject().equals(subject)).forEach(entries::add);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
        } while (page.size() == 1000);
        entries.sort(Comparator.comparingLong(JpaOutbox.Entry::id));
        return entries;
    }

    /** The deliveries of {@code subject}'s changes to {@code connector}, in id order, whatever their status. */
    private List<Delivery> deliveriesOf(String connector, SubjectId subject) {
        List<Delivery> deliveries = new ArrayList<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            persistence.deadLetters().list(connector, status, 100_000).stream()
                    .filter(d -> d.change().subject().equals(subject)).forEach(deliveries::add);
        }
        deliveries.sort(Comparator.comparingLong(Delivery::id));
        return deliveries;
    }

    /** A mainland mobile number no one in the shared database has, written as people write it. */
    private static String mobile() {
        return Phones.unique();
    }

    /** Runs {@code clients} clients at once, each numbered, and returns what each returned. */
    private static <T> List<T> raceClients(int clients, IntFunction<T> client) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return StoresContract.race(clients, () -> client.apply(next.getAndIncrement()));
    }
}
