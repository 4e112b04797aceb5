package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.persistence.outbox.JpaOutbox;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.IdempotentOutcome;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.LoggedDecision;
import org.opencpm.application.port.out.PendingConfirmation;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.StoredApiKey;
import org.opencpm.application.port.in.WebOrigin;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.purpose.DataCategory;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.LocalizedText;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.purpose.Recipient;
import org.opencpm.domain.purpose.SensitivityGrade;
import org.opencpm.domain.purpose.TransferMechanism;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.Racing;

/**
 * What every store must do, as the in-memory fixtures do it: round trips that keep every field,
 * the conflicts the application retries on, transactions that commit all or nothing, and the
 * races that must have exactly one winner. Runs on each database through a subclass. The send
 * budget has a contract of its own, {@link JpaSendBudgetContract}.
 */
public abstract class StoresContract extends OnDatabase {

    // ---------------------------------------------------------------- purposes and notices

    @Test
    void a_purpose_keeps_every_field_and_a_redefinition_replaces_it() {
        String prefix = "p" + unique();
        Purpose overseas = new Purpose(PurposeCode.of(prefix + "-share"),
                new LocalizedText(Map.of("zh", "向海外合作方提供 \"引号\"", "en", "Sharing with a partner abroad")),
                "Description with unicode ✓, a line break\nand a backslash \\", PurposeCategory.SHARING, LegalBasis.CONSENT, false, true, true,
                true, true,
                List.of(DataElement.named("phone"), DataElement.named("health"), new DataElement("shoe.size", DataCategory.OTHER,
                        SensitivityGrade.GENERAL)),
                List.of(new Recipient("Partner GmbH", "dpo@partner.example", "DE", null),
                        new Recipient("天猫", "privacy@tmall.com", "CN", "member matching")),
                Optional.of(365), Optional.of(30), Optional.of(TransferMechanism.STANDARD_CONTRACT),
                Optional.of(Instant.parse("2026-05-01T08:30:00.123Z")));
        Purpose plain = Purpose.builder(prefix + ".plain").build();

        persistence.purposes().save(overseas);
        persistence.purposes().save(plain);

        assertThat(persistence.purposes().find(overseas.code())).contains(overseas);
        assertThat(persistence.purposes().find(plain.code())).contains(plain);
        assertThat(persistence.purposes().find(PurposeCode.of(prefix + "-none"))).isEmpty();

        Purpose redefined = Purpose.builder(plain.code().value()).name("zh", "新名字").necessary(true).build();
        persistence.purposes().save(redefined);
        assertThat(persistence.purposes().find(plain.code())).contains(redefined);
    }

    @Test
    void all_purposes_come_in_code_order() {
        String prefix = "o" + unique();
        for (String suffix : List.of("b", "a_z", "a-z", "a.z", "a")) {
            persistence.purposes().save(Purpose.builder(prefix + suffix).build());
        }
        List<String> ours = persistence.purposes().all().stream().map(p -> p.code().value()).filter(c -> c.startsWith(prefix)).toList();
        assertThat(ours).containsExactly(prefix + "a", prefix + "a-z", prefix + "a.z", prefix + "a_z", prefix + "b");
    }

    @Test
    void notice_versions_keep_their_text_and_come_back_in_publication_order() {
        String code = "n" + unique();
        String longText = "我们如何处理您的个人信息。\"Quotes\" and \\backslashes\\\n".repeat(6_000); // ~300k characters
        PurposeCode purpose = PurposeCode.of("marketing-sms");
        Notice first = Notice.publish(NoticeRef.of(code, "2026-01"), "zh-CN", "隐私政策", Optional.of(longText), Optional.empty(),
                Set.of(purpose, PurposeCode.of("personalized-recs")), false, T0, 1);
        ContentHash ofTheTextThere = ContentHash.of("the privacy policy as published at https://example.com/privacy");
        Notice second = Notice.publish(NoticeRef.of(code, "2025-12"), "en", "Privacy policy", Optional.empty(),
                Optional.of("https://example.com/privacy"), Optional.of(ofTheTextThere), Set.of(purpose), true, T0.plusSeconds(60), 2);
        // published by URL before the text's hash was required: fingerprinted by its address
        Notice older = new Notice(NoticeRef.of(code, "2025-06"), "en", "Privacy policy", Optional.empty(),
                Optional.of("https://example.com/privacy-2025"), Set.of(purpose), false,
                ContentHash.of("https://example.com/privacy-2025"), T0.plusSeconds(120), 3);

        persistence.notices().add(first);
        persistence.notices().add(second);
        persistence.notices().add(older);

        assertThat(persistence.notices().find(first.ref())).contains(first);
        assertThat(persistence.notices().find(second.ref())).contains(second);
        assertThat(persistence.notices().find(second.ref()).orElseThrow().contentHash()).isEqualTo(ofTheTextThere);
        assertThat(persistence.notices().find(older.ref()).orElseThrow().hashBasis()).isEqualTo(Notice.HashBasis.URL);
        assertThat(persistence.notices().find(NoticeRef.of(code, "9"))).isEmpty();
        assertThat(persistence.notices().history(code).versions()).containsExactly(first, second, older);
        assertThat(persistence.notices().history("never-published").versions()).isEmpty();
        assertThat(persistence.notices().all()).contains(first, second, older);
    }

    @Test
    void a_notice_version_or_revision_taken_meanwhile_is_a_conflict() {
        String code = "n" + unique();
        Notice first = Notice.publish(NoticeRef.of(code, "1"), "zh", "v1", Optional.of("text"), Optional.empty(),
                Set.of(PurposeCode.of("marketing-sms")), false, T0, 1);
        persistence.notices().add(first);

        Notice sameVersion = Notice.publish(first.ref(), "zh", "other", Optional.of("other"), Optional.empty(),
                Set.of(PurposeCode.of("marketing-sms")), false, T0, 2);
        Notice sameRevision = Notice.publish(NoticeRef.of(code, "2"), "zh", "v2", Optional.of("text 2"), Optional.empty(),
                Set.of(PurposeCode.of("marketing-sms")), false, T0, 1);
        assertThatThrownBy(() -> persistence.notices().add(sameVersion)).isInstanceOf(ConcurrencyConflictException.class);
        assertThatThrownBy(() -> persistence.notices().add(sameRevision)).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.notices().history(code).versions()).containsExactly(first);
    }

    // ---------------------------------------------------------------- subjects

    @Test
    void a_subject_round_trips_and_updates_only_from_the_version_it_was_read_at() {
        SubjectId id = SubjectId.newId();
        Subject registered = Subject.register(id, T0);
        persistence.subjects().save(registered, Optional.empty());
        assertThat(persistence.subjects().find(id)).contains(registered);

        Subject older = registered.withAgeFacts(Optional.of(LocalDate.of(2001, 2, 28)), Optional.of(true), LocalDate.of(2026, 1, 1))
                .advanced();
        persistence.subjects().save(older, Optional.of(0L));
        assertThat(persistence.subjects().find(id)).contains(older);

        Subject stale = registered.advanced();
        assertThatThrownBy(() -> persistence.subjects().save(stale, Optional.of(0L)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.subjects().find(id)).contains(older);

        Subject forgetsBirthDate = new Subject(id, Optional.empty(), false, 2, T0);
        persistence.subjects().save(forgetsBirthDate, Optional.of(1L));
        assertThat(persistence.subjects().find(id)).contains(forgetsBirthDate);
    }

    @Test
    void registering_a_subject_that_exists_or_updating_one_that_does_not_is_a_conflict() {
        Subject subject = Subject.register(SubjectId.newId(), T0);
        persistence.subjects().save(subject, Optional.empty());

        assertThatThrownBy(() -> persistence.subjects().save(subject, Optional.empty()))
                .isInstanceOf(ConcurrencyConflictException.class);
        Subject missing = Subject.register(SubjectId.newId(), T0).advanced();
        assertThatThrownBy(() -> persistence.subjects().save(missing, Optional.of(0L)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.subjects().find(missing.id())).isEmpty();
    }

    @Test
    void identifiers_lead_to_their_subject_and_one_identifier_to_one_subject_only() {
        SubjectId first = register();
        SubjectId second = register();
        IdentifierHash phone = randomHash();
        IdentifierHash email = randomHash();
        SealedIdentifier sealedPhone = new SealedIdentifier(new byte[] {1, 2, 3, (byte) 0xff});
        SealedIdentifier sealedEmail = new SealedIdentifier(new byte[64]);

        persistence.subjects().link(first, IdentifierType.PHONE, phone, sealedPhone);
        persistence.subjects().link(first, IdentifierType.EMAIL, email, sealedEmail);

        assertThat(persistence.subjects().findByIdentifier(phone)).contains(first);
        assertThat(persistence.subjects().findByIdentifier(randomHash())).isEmpty();
        assertThat(persistence.subjects().identifiersOf(first)).containsExactlyInAnyOrder(
                new LinkedIdentifier(IdentifierType.PHONE, phone, sealedPhone), new LinkedIdentifier(IdentifierType.EMAIL, email, sealedEmail));
        assertThat(persistence.subjects().identifiersOf(second)).isEmpty();

        assertThatThrownBy(() -> persistence.subjects().link(second, IdentifierType.PHONE, phone, sealedPhone))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.subjects().findByIdentifier(phone)).contains(first);
    }

    @Test
    void an_identifier_found_unknown_in_a_transaction_stays_unknown_in_it_and_linking_it_then_is_a_conflict() throws Exception {
        IdentifierHash hash = randomHash();
        SubjectId first = register();
        SubjectId second = register();

        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            assertThat(persistence.subjects().findByIdentifier(hash)).isEmpty();
            linkElsewhere(first, hash); // another node links it and commits meanwhile
            assertThat(persistence.subjects().findByIdentifier(hash)).as("the same answer for the rest of the transaction").isEmpty();
            persistence.subjects().link(second, IdentifierType.PHONE, hash, new SealedIdentifier(new byte[] {2}));
            return null;
        })).isInstanceOf(ConcurrencyConflictException.class);

        assertThat(persistence.subjects().findByIdentifier(hash)).contains(first);
        persistence.transactions().inTransaction(() -> {
            assertThat(persistence.subjects().findByIdentifier(hash)).contains(first);
            return null;
        });
    }

    @Test
    void an_identifier_linked_in_a_transaction_is_found_in_it() {
        IdentifierHash hash = randomHash();
        SubjectId subject = register();
        persistence.transactions().inTransaction(() -> {
            assertThat(persistence.subjects().findByIdentifier(hash)).isEmpty();
            persistence.subjects().link(subject, IdentifierType.EMAIL, hash, new SealedIdentifier(new byte[] {1}));
            assertThat(persistence.subjects().findByIdentifier(hash)).contains(subject);
            return null;
        });
    }

    /**
     * Another OpenCPM node sharing the database links the identifier. (This node commits its own
     * transactions one group at a time, so only another node can commit in the middle of one.)
     */
    private void linkElsewhere(SubjectId subject, IdentifierHash hash) {
        try (JpaPersistence otherNode = JpaPersistence.start(database.settings())) {
            otherNode.subjects().link(subject, IdentifierType.PHONE, hash, new SealedIdentifier(new byte[] {1}));
        }
    }

    // ---------------------------------------------------------------- consents and preferences

    @Test
    void a_consent_keeps_every_field_and_a_later_one_replaces_it() {
        SubjectId subject = register();
        PurposeCode sms = PurposeCode.of("marketing-sms");
        NoticeStamp stamp = new NoticeStamp(NoticeRef.of("privacy-policy", "2026-01"), ContentHash.of("text"), 3);
        Consent granted = Consent.restore(subject, sms, ConsentState.GRANTED, 1, T0, Optional.of(T0), Optional.of(T0.plus(Duration.ofDays(730))),
                Optional.of(stamp), Optional.of(GuardianRelation.PARENT), CollectionChannel.MINIPROGRAM, ConsentMethod.CHECKBOX);
        Consent other = Consent.restore(subject, PurposeCode.of("personalized-recs"), ConsentState.DENIED, 2, T0.plusMillis(1),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CollectionChannel.CALL_CENTRE, ConsentMethod.VERBAL);

        persistence.consents().save(granted);
        persistence.consents().save(other);
        assertThat(persistence.consents().consentsOf(subject)).isEqualTo(Map.of(sms, granted, other.purpose(), other));

        Consent withdrawn = Consent.restore(subject, sms, ConsentState.WITHDRAWN, 3, T0.plusSeconds(5), Optional.of(T0), Optional.empty(),
                Optional.of(stamp), Optional.of(GuardianRelation.PARENT), CollectionChannel.SMS, ConsentMethod.SMS_REPLY);
        persistence.consents().save(withdrawn);
        assertThat(persistence.consents().consentsOf(subject).get(sms)).isEqualTo(withdrawn);
        assertThat(persistence.consents().consentsOf(SubjectId.newId())).isEmpty();
    }

    @Test
    void consents_of_a_subject_registered_in_the_same_transaction_are_inserted_then_replaced() {
        SubjectId subject = SubjectId.newId();
        PurposeCode sms = PurposeCode.of("marketing-sms");
        NoticeStamp stamp = new NoticeStamp(NoticeRef.of("privacy-policy", "2026-01"), ContentHash.of("text"), 3);
        Consent granted = Consent.restore(subject, sms, ConsentState.GRANTED, 1, T0, Optional.of(T0), Optional.empty(),
                Optional.of(stamp), Optional.empty(), CollectionChannel.APP, ConsentMethod.CHECKBOX);
        Consent withdrawn = Consent.restore(subject, sms, ConsentState.WITHDRAWN, 2, T0.plusSeconds(1), Optional.of(T0), Optional.empty(),
                Optional.of(stamp), Optional.empty(), CollectionChannel.APP, ConsentMethod.CHECKBOX);

        persistence.transactions().inTransaction(() -> {
            persistence.subjects().save(Subject.register(subject, T0), Optional.empty());
            persistence.consents().save(granted);
            persistence.consents().save(withdrawn);
            return null;
        });

        assertThat(persistence.consents().consentsOf(subject)).isEqualTo(Map.of(sms, withdrawn));
    }

    @Test
    void preferences_keep_every_choice_and_a_later_save_replaces_them() {
        SubjectId subject = register();
        Preferences everything = new Preferences(Map.of("promotions", false, "new-arrivals", true),
                Map.of(ContactChannel.SMS, ChannelPreference.enabled(new FrequencyCap(Optional.of(2), Optional.of(1), Optional.empty())),
                        ContactChannel.EMAIL, ChannelPreference.disabled(),
                        ContactChannel.WECHAT, ChannelPreference.OPEN),
                Optional.of(new QuietHours(LocalTime.of(21, 30), LocalTime.of(8, 0, 15), ZoneId.of("Asia/Shanghai"))), Optional.of("zh-CN"));

        assertThat(persistence.preferences().find(subject)).isEmpty();
        persistence.preferences().save(subject, everything);
        assertThat(persistence.preferences().find(subject)).contains(everything);

        persistence.preferences().save(subject, Preferences.none());
        assertThat(persistence.preferences().find(subject)).contains(Preferences.none());
    }

    // ---------------------------------------------------------------- idempotency, tokens, API keys

    @Test
    void an_idempotent_outcome_comes_back_as_remembered_and_its_key_is_taken_once() {
        String key = "key-" + unique();
        SubjectId subject = SubjectId.newId();
        IdempotentOutcome outcome = new IdempotentOutcome("f".repeat(64), List.of(
                new ConsentReceipt("r1", subject, PurposeCode.of("marketing-sms"), ConsentState.GRANTED, true, 3, T0.plusNanos(123_456_789),
                        "a".repeat(64), Optional.empty()),
                new ConsentReceipt("r2", subject, PurposeCode.of("marketing-email"), ConsentState.PENDING, true, 4, T0, "b".repeat(64),
                        Optional.of("tok_\"secret\"")),
                new ConsentReceipt("r3", subject, PurposeCode.of("marketing-call"), ConsentState.WITHDRAWN, false, 5, T0,
                        "c".repeat(64), Optional.empty())));

        assertThat(persistence.idempotency().find(key)).isEmpty();
        persistence.idempotency().remember(key, outcome);
        assertThat(persistence.idempotency().find(key)).contains(outcome);
        assertThatThrownBy(() -> persistence.idempotency().remember(key, outcome)).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.idempotency().find(key.toUpperCase())).isEmpty();
    }

    @Test
    void a_confirmation_token_is_taken_once() {
        String token = randomHash().hex();
        PendingConfirmation pending = new PendingConfirmation(SubjectId.newId(), PurposeCode.of("marketing-email"), T0.plus(Duration.ofDays(7)));
        persistence.confirmationTokens().save(token, pending);

        assertThat(persistence.confirmationTokens().take(token)).contains(pending);
        assertThat(persistence.confirmationTokens().take(token)).isEmpty();
        assertThat(persistence.confirmationTokens().take(randomHash().hex())).isEmpty();
    }

    @Test
    void of_many_racing_takers_of_one_token_exactly_one_wins() throws Exception {
        String token = randomHash().hex();
        PendingConfirmation pending = new PendingConfirmation(SubjectId.newId(), PurposeCode.of("marketing-email"), T0);
        persistence.confirmationTokens().save(token, pending);

        List<Optional<PendingConfirmation>> taken = race(16, () -> persistence.confirmationTokens().take(token));

        assertThat(taken).filteredOn(Optional::isPresent).containsExactly(Optional.of(pending));
    }

    @Test
    void a_token_taken_in_a_transaction_that_rolls_back_is_still_there() {
        String token = randomHash().hex();
        PendingConfirmation pending = new PendingConfirmation(SubjectId.newId(), PurposeCode.of("marketing-email"), T0);
        persistence.confirmationTokens().save(token, pending);

        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            assertThat(persistence.confirmationTokens().take(token)).contains(pending);
            throw new IllegalStateException("the confirmation failed later");
        })).hasMessage("the confirmation failed later");

        assertThat(persistence.confirmationTokens().take(token)).contains(pending);
    }

    @Test
    void api_keys_are_found_by_hash_with_their_roles() {
        long before = persistence.apiKeys().count();
        String hash = randomHash().hex();
        StoredApiKey key = StoredApiKey.created("key_" + unique(), "CRM 同步", hash, Set.of(Role.INTEGRATOR, Role.AUDITOR), T0,
                Optional.of(T0.plusSeconds(86_400)));
        StoredApiKey noRoles = StoredApiKey.created("key_" + unique(), "nobody", randomHash().hex(), Set.of(), T0.plusMillis(7),
                Optional.empty());

        persistence.apiKeys().save(key);
        persistence.apiKeys().save(noRoles);

        assertThat(persistence.apiKeys().findByHash(hash)).contains(key);
        assertThat(persistence.apiKeys().findById(key.id())).contains(key);
        assertThat(persistence.apiKeys().findByHash(noRoles.keyHash())).contains(noRoles);
        assertThat(persistence.apiKeys().findByHash(randomHash().hex())).isEmpty();
        // inside a transaction, through its own connection
        assertThat(persistence.transactions().inTransaction(() -> persistence.apiKeys().findByHash(hash))).contains(key);
        assertThat(persistence.transactions().inTransaction(() -> persistence.apiKeys().findByHash(randomHash().hex()))).isEmpty();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(
                () -> persistence.transactions().jdbc(persistence.dataSource(), connection -> 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(persistence.apiKeys().findById("key_" + unique())).isEmpty();
        assertThat(persistence.apiKeys().count()).isEqualTo(before + 2);
        assertThat(persistence.apiKeys().all()).contains(key, noRoles);
    }

    @Test
    void a_collector_keys_origins_are_kept_through_use_and_revocation() {
        Set<WebOrigin> origins = Set.of(new WebOrigin("https://shop.brand.example"), new WebOrigin("http://localhost:8081"));
        StoredApiKey key = StoredApiKey.created("key_" + unique(), "brand site", randomHash().hex(), Set.of(Role.COLLECTOR), T0,
                Optional.empty(), origins);
        persistence.apiKeys().save(key);

        assertThat(persistence.apiKeys().findByHash(key.keyHash())).map(StoredApiKey::origins).contains(origins);
        assertThat(persistence.transactions().inTransaction(() -> persistence.apiKeys().findByHash(key.keyHash())))
                .map(StoredApiKey::origins).contains(origins);
        persistence.apiKeys().recordUse(key.id(), T0.plusSeconds(5));
        persistence.apiKeys().revoke(key.id(), T0.plusSeconds(9));
        assertThat(persistence.apiKeys().findById(key.id())).map(StoredApiKey::origins).contains(origins);
        assertThat(persistence.apiKeys().all()).filteredOn(k -> k.id().equals(key.id())).singleElement()
                .extracting(StoredApiKey::origins).isEqualTo(origins);
    }

    @Test
    void a_revoked_api_key_is_seen_revoked_by_another_node_and_a_use_recorded_later_does_not_undo_it() {
        StoredApiKey key = StoredApiKey.created("key_" + unique(), "crm", randomHash().hex(), Set.of(Role.INTEGRATOR), T0, Optional.empty());
        persistence.apiKeys().save(key);
        try (JpaPersistence otherNode = JpaPersistence.start(database.settings())) {
            assertThat(otherNode.apiKeys().findByHash(key.keyHash())).map(StoredApiKey::revokedAt).contains(Optional.empty());

            assertThat(persistence.apiKeys().revoke(key.id(), T0.plusSeconds(60))).isTrue();
            assertThat(persistence.apiKeys().revoke(key.id(), T0.plusSeconds(61))).isFalse();
            otherNode.apiKeys().recordUse(key.id(), T0.plusSeconds(90));

            StoredApiKey seen = otherNode.apiKeys().findByHash(key.keyHash()).orElseThrow();
            assertThat(seen.revokedAt()).contains(T0.plusSeconds(60));
            assertThat(seen.lastUsedAt()).contains(T0.plusSeconds(90));
            assertThat(seen.activeAt(T0.plusSeconds(90))).isFalse();
        }
        assertThat(persistence.apiKeys().revoke("key_" + unique(), T0)).isFalse();
    }

    @Test
    void a_use_never_moves_last_used_back_and_a_rehash_replaces_only_the_hash_it_expected() {
        StoredApiKey key = new StoredApiKey("key_" + unique(), "legacy", randomHash().hex(), StoredApiKey.SHA256, Set.of(Role.ADMIN), T0,
                Optional.empty(), Optional.empty(), Optional.empty());
        persistence.apiKeys().save(key);

        persistence.apiKeys().recordUse(key.id(), T0.plusSeconds(120));
        persistence.apiKeys().recordUse(key.id(), T0.plusSeconds(60));
        String keyed = randomHash().hex();
        persistence.apiKeys().rehash(key.id(), "not-the-stored-hash", randomHash().hex(), StoredApiKey.HMAC_SHA256);
        assertThat(persistence.apiKeys().findById(key.id())).map(StoredApiKey::keyHash).contains(key.keyHash());
        persistence.apiKeys().rehash(key.id(), key.keyHash(), keyed, StoredApiKey.HMAC_SHA256);

        StoredApiKey stored = persistence.apiKeys().findByHash(keyed).orElseThrow();
        assertThat(stored.hashAlgorithm()).isEqualTo(StoredApiKey.HMAC_SHA256);
        assertThat(stored.lastUsedAt()).contains(T0.plusSeconds(120));
        assertThat(persistence.apiKeys().findByHash(key.keyHash())).isEmpty();
    }

    @Test
    void api_keys_stored_before_schema_version_7_read_as_sha256_keys_that_never_expire() throws SQLException {
        String id = "key_" + unique();
        String hash = randomHash().hex();
        try (Connection connection = persistence.dataSource().getConnection();
             var insert = connection.prepareStatement("INSERT INTO api_key (id, name, key_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "from 0.1");
            insert.setString(3, hash);
            insert.setString(4, "admin");
            insert.setLong(5, T0.toEpochMilli());
            insert.executeUpdate();
        }
        StoredApiKey old = persistence.apiKeys().findByHash(hash).orElseThrow();
        assertThat(old.hashAlgorithm()).isEqualTo(StoredApiKey.SHA256);
        assertThat(old.expiresAt()).isEmpty();
        assertThat(old.revokedAt()).isEmpty();
        assertThat(old.activeAt(T0.plusSeconds(1))).isTrue();
    }

    // ---------------------------------------------------------------- outbox and decision log

    @Test
    void an_outbox_entry_keeps_the_change_under_the_sequence_number_of_its_audit_event() {
        SubjectId subject = SubjectId.newId();
        Preferences preferences = new Preferences(Map.of("promotions", true), Map.of(ContactChannel.SMS, ChannelPreference.disabled()),
                Optional.empty(), Optional.of("en"));
        List<ConsentChange> changes = persistence.transactions().inTransaction(() -> {
            AuditEvent grant = persistence.audit().append(draft(subject));
            AuditEvent prefs = persistence.audit().append(draft(subject));
            ConsentChange consentChange = new ConsentChange(subject, ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing-sms")),
                    Optional.of(ConsentState.WITHDRAWN), Preferences.none(), 7, T0, true, grant.eventId(), Optional.of("crm-webhook"));
            ConsentChange preferenceChange = new ConsentChange(subject, ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(),
                    preferences, 8, T0.plusMillis(1), false, prefs.eventId());
            persistence.outbox().enqueue(consentChange, List.of("outbox-test-crm"));
            persistence.outbox().enqueue(preferenceChange, List.of("outbox-test-crm"));
            return List.of(consentChange, preferenceChange);
        });

        long firstSeq = persistence.audit().find(changes.get(0).auditEventId()).orElseThrow().seq();
        List<JpaOutbox.Entry> entries = persistence.outbox().after(firstSeq - 1, 2);
        assertThat(entries).extracting(JpaOutbox.Entry::change).containsExactlyElementsOf(changes);
        assertThat(entries).extracting(JpaOutbox.Entry::id).containsExactly(firstSeq, firstSeq + 1);
    }

    @Test
    void a_delivery_carries_where_its_change_came_in_from() {
        SubjectId subject = SubjectId.newId();
        ConsentChange change = persistence.transactions().inTransaction(() -> {
            ConsentChange withdrawal = new ConsentChange(subject, ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing-sms")),
                    Optional.of(ConsentState.WITHDRAWN), Preferences.none(), 1, T0, true, persistence.audit().append(draft(subject)).eventId(),
                    Optional.of("crm-webhook"));
            persistence.outbox().enqueue(withdrawal, List.of("origin-test-sms"));
            return withdrawal;
        });
        assertThat(persistence.deliveryQueue().claim("origin-test-sms", 10, T0, Duration.ofMinutes(1), "node-a"))
                .singleElement().satisfies(delivery -> assertThat(delivery.change()).isEqualTo(change));
    }

    @Test
    void an_outbox_change_must_name_a_stored_audit_event() {
        ConsentChange orphan = new ConsentChange(SubjectId.newId(), ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(),
                Preferences.none(), 1, T0, false, "no-such-event");
        assertThatThrownBy(() -> persistence.outbox().enqueue(orphan, List.of("crm"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logged_decisions_reach_the_table_in_the_background() {
        String purpose = "legal-" + unique();
        for (int i = 0; i < 1200; i++) {
            persistence.decisionLog().record(new LoggedDecision(i % 2 == 0 ? Optional.of(SubjectId.newId()) : Optional.empty(),
                    PurposeCode.of(purpose), Reason.LEGAL_BASIS, Optional.of("sms"), Optional.empty(), T0.plusMillis(i)));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("SELECT COUNT(*) FROM decision_log WHERE purpose = ?", purpose) == 1200);
        assertThat(count("SELECT COUNT(*) FROM decision_log WHERE purpose = ? AND subject_id IS NULL", purpose)).isEqualTo(600);
    }

    @Test
    void closing_writes_the_decisions_still_queued() {
        String purpose = "legal-" + unique();
        try (JpaPersistence second = JpaPersistence.start(database.settings())) {
            for (int i = 0; i < 50; i++) {
                second.decisionLog().record(new LoggedDecision(Optional.empty(), PurposeCode.of(purpose), Reason.LEGAL_BASIS,
                        Optional.empty(), Optional.of("Tmall"), T0));
            }
        }
        assertThat(count("SELECT COUNT(*) FROM decision_log WHERE purpose = ?", purpose)).isEqualTo(50);
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void a_transaction_that_throws_writes_nothing() {
        SubjectId subject = SubjectId.newId();
        IdentifierHash hash = randomHash();
        String purposeCode = "rb" + unique();
        AtomicReference<String> eventId = new AtomicReference<>();

        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            persistence.subjects().save(Subject.register(subject, T0), Optional.empty());
            persistence.subjects().link(subject, IdentifierType.PHONE, hash, new SealedIdentifier(new byte[] {9}));
            persistence.consents().save(Consent.restore(subject, PurposeCode.of("marketing-sms"), ConsentState.DENIED, 1, T0, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), CollectionChannel.WEB, ConsentMethod.BUTTON));
            persistence.preferences().save(subject, Preferences.none());
            persistence.purposes().save(Purpose.builder(purposeCode).build());
            AuditEvent event = persistence.audit().append(draft(subject));
            eventId.set(event.eventId());
            persistence.outbox().enqueue(new ConsentChange(subject, ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(),
                    Preferences.none(), 1, T0, false, event.eventId()), List.of("crm", "wechat"));
            persistence.idempotency().remember("rb-" + subject, new IdempotentOutcome("x", List.of()));
            assertThat(persistence.subjects().find(subject)).isPresent(); // visible inside
            throw new IllegalStateException("disk full");
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");

        assertThat(persistence.subjects().find(subject)).isEmpty();
        assertThat(persistence.subjects().findByIdentifier(hash)).isEmpty();
        assertThat(persistence.consents().consentsOf(subject)).isEmpty();
        assertThat(persistence.preferences().find(subject)).isEmpty();
        assertThat(persistence.purposes().find(PurposeCode.of(purposeCode))).isEmpty();
        assertThat(persistence.idempotency().find("rb-" + subject)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE subject_id = ?", subject.value())).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", subject.value())).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", subject.value())).isZero();
        assertThat(persistence.audit().find(eventId.get())).isEmpty();
    }

    @Test
    void after_commit_actions_run_in_order_once_the_transaction_committed_and_never_after_a_rollback() {
        List<String> happened = new ArrayList<>();
        SubjectId subject = SubjectId.newId();

        String result = persistence.transactions().inTransaction(() -> {
            persistence.subjects().save(Subject.register(subject, T0), Optional.empty());
            persistence.transactions().afterCommit(() -> happened.add("first, subject visible: "
                    + persistence.subjects().find(subject).isPresent()));
            persistence.transactions().afterCommit(() -> happened.add("second"));
            happened.add("work done");
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(happened).containsExactly("work done", "first, subject visible: true", "second");

        happened.clear();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            persistence.transactions().afterCommit(() -> happened.add("must not run"));
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(happened).isEmpty();

        persistence.transactions().afterCommit(() -> happened.add("outside a transaction: at once"));
        assertThat(happened).containsExactly("outside a transaction: at once");
    }

    @Test
    void a_nested_transaction_joins_the_outer_one_and_rolls_back_with_it() {
        SubjectId inner = SubjectId.newId();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            persistence.transactions().inTransaction(() -> {
                persistence.subjects().save(Subject.register(inner, T0), Optional.empty());
                return null;
            });
            throw new IllegalStateException("outer fails after inner returned");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(persistence.subjects().find(inner)).isEmpty();
    }

    @Test
    void a_conflict_inside_a_transaction_rolls_it_back_and_surfaces_as_a_concurrency_conflict() {
        SubjectId taken = register();
        SubjectId fresh = SubjectId.newId();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            persistence.subjects().save(Subject.register(fresh, T0), Optional.empty());
            persistence.subjects().save(Subject.register(taken, T0), Optional.empty());
            return null;
        })).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(persistence.subjects().find(fresh)).isEmpty();
    }

    @Test
    void a_unit_whose_database_rolled_back_the_whole_transaction_is_a_conflict_and_its_group_runs_again() throws Exception {
        // InnoDB rolls back the whole transaction on a deadlock, savepoints included: simulated on
        // every database by rolling back the connection behind EclipseLink's back
        List<SubjectId> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(SubjectId.newId());
        }
        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = race(9, () -> {
            int me = next.getAndIncrement();
            if (me == 0) {
                try {
                    persistence.transactions().inTransaction(() -> persistence.transactions().write(em -> {
                        try {
                            em.unwrap(Connection.class).rollback();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        throw new PersistenceException(new SQLException(
                                "Deadlock found when trying to get lock", "40001", 1213));
                    }));
                    return "no failure";
                } catch (ConcurrencyConflictException expected) {
                    return "conflict";
                }
            }
            SubjectId subject = others.get(me - 1);
            for (int attempt = 0; ; attempt++) { // the application's retry, in short
                try {
                    persistence.transactions().inTransaction(() -> {
                        persistence.subjects().save(Subject.register(subject, T0), Optional.empty());
                        return null;
                    });
                    return "saved";
                } catch (ConcurrencyConflictException again) {
                    if (attempt == 8) {
                        throw again;
                    }
                }
            }
        });
        assertThat(outcomes).containsOnlyOnce("conflict");
        assertThat(outcomes.stream().filter("saved"::equals)).hasSize(8);
        for (SubjectId subject : others) {
            assertThat(persistence.subjects().find(subject)).as("%s", subject).isPresent();
        }
    }

    // ---------------------------------------------------------------- subject states

    @Test
    void subject_states_stream_every_subject_with_its_consents_and_preferences_page_by_page() {
        String tag = unique();
        List<SubjectId> ours = new ArrayList<>();
        persistence.transactions().inTransaction(() -> {
            for (int i = 0; i < 1_100; i++) {
                SubjectId id = SubjectId.of("sub_" + tag + "_" + String.format("%04d", i));
                ours.add(id);
                persistence.subjects().save(Subject.register(id, T0), Optional.empty());
                persistence.subjects().link(id, IdentifierType.MEMBER_ID, randomHash(), new SealedIdentifier(new byte[] {(byte) i}));
                if (i % 3 == 0) {
                    persistence.consents().save(Consent.restore(id, PurposeCode.of("marketing-sms"), ConsentState.WITHDRAWN, 1, T0,
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CollectionChannel.APP, ConsentMethod.TOGGLE));
                }
                if (i % 5 == 0) {
                    persistence.preferences().save(id, new Preferences(Map.of("promotions", false), Map.of(), Optional.empty(), Optional.empty()));
                }
            }
            return null;
        });

        Map<SubjectId, SubjectState> seen = new HashMap<>();
        persistence.subjectStates().forEachSubject(state -> {
            if (state.subject().id().value().contains(tag)) {
                assertThat(seen.put(state.subject().id(), state)).as("each subject once").isNull();
            }
        });
        assertThat(seen).hasSize(1_100);
        assertThat(seen.get(ours.get(0)).consents()).containsKey(PurposeCode.of("marketing-sms"));
        assertThat(seen.get(ours.get(0)).preferences().allowsTopic("promotions")).isFalse();
        assertThat(seen.get(ours.get(1)).consents()).isEmpty();
        assertThat(seen.get(ours.get(1)).preferences()).isEqualTo(Preferences.none());

        AtomicInteger links = new AtomicInteger();
        persistence.subjectStates().forEachIdentifier((hash, subject) -> {
            if (subject.value().contains(tag)) {
                links.incrementAndGet();
            }
        });
        assertThat(links).hasValue(1_100);
    }

    // ---------------------------------------------------------------- helpers

    private SubjectId register() {
        SubjectId id = SubjectId.newId();
        persistence.subjects().save(Subject.register(id, T0), Optional.empty());
        return id;
    }

    static IdentifierHash randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new IdentifierHash(HexFormat.of().formatHex(bytes));
    }

    static AuditDraft draft(SubjectId subject) {
        return AuditDraft.of(AuditEventType.SUBJECT_UPDATED, subject.value(), null, null, T0, T0, "key:test", null, null, null, Map.of());
    }

    /** Runs {@code task} on {@code threads} threads released at once, and returns what each returned. */
    static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        return Racing.race(threads, task);
    }
}
