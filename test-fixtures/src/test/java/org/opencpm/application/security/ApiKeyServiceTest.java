package org.opencpm.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ApiKeySummary;
import org.opencpm.application.port.in.Authentication;
import org.opencpm.application.port.out.StoredApiKey;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase.Bootstrap;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.testfixtures.InMemoryOpenCpm;
import org.opencpm.testfixtures.CapturedLog;

class ApiKeyServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();

    @Test
    void the_first_start_makes_one_admin_key_and_later_starts_none() {
        Bootstrap first = cpm.apiKeys.bootstrap(Optional.empty());
        assertThat(first.created()).isTrue();
        String key = first.generatedKey().orElseThrow();
        assertThat(key).startsWith("opk_").hasSize(47);
        assertThat(cpm.apiKeys.authenticate(key)).map(ApiPrincipal::roles).contains(Set.of(Role.ADMIN));

        assertThat(cpm.apiKeys.bootstrap(Optional.empty())).isEqualTo(new Bootstrap(false, Optional.empty()));
        assertThat(cpm.apiKeyStore.count()).isEqualTo(1);
    }

    @Test
    void a_configured_bootstrap_key_becomes_the_admin_key_and_is_not_echoed() {
        String configured = "operator-chose-this-admin-key-2026";
        assertThat(cpm.apiKeys.bootstrap(Optional.of(configured))).isEqualTo(new Bootstrap(true, Optional.empty()));
        assertThat(cpm.apiKeys.authenticate(configured)).isPresent();
    }

    @Test
    void a_weak_configured_key_is_refused() {
        assertThatThrownBy(() -> cpm.apiKeys.bootstrap(Optional.of("admin"))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bootstrap-admin-key");
        assertThat(cpm.apiKeyStore.count()).isZero();
    }

    @Test
    void a_created_key_carries_its_roles_and_only_its_hash_is_kept() {
        CreatedApiKey created = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        ApiPrincipal principal = cpm.apiKeys.authenticate(created.key()).orElseThrow();
        assertThat(principal.mayActAs(Set.of(Role.INTEGRATOR))).isTrue();
        assertThat(principal.mayActAs(Set.of(Role.AUDITOR))).isFalse();
        assertThat(cpm.apiKeys.authenticate(created.key() + "x")).isEmpty();
        assertThat(created.toString()).doesNotContain(created.key());

        AuditEvent audited = cpm.auditTrail.all().get(0);
        assertThat(audited.type()).isEqualTo(AuditEventType.API_KEY_CREATED);
        assertThat(audited.details()).containsEntry("roles", "integrator").containsEntry("keyId", created.id());
        assertThat(CanonicalForm.of(audited)).doesNotContain(created.key());
    }

    @Test
    void a_collector_key_is_bound_to_its_origins_which_answer_preflights_while_it_is_active() {
        WebOrigin brand = new WebOrigin("https://shop.brand.example");
        WebOrigin other = new WebOrigin("https://other.example");
        assertThat(cpm.apiKeys.collectsFrom(brand)).isFalse();
        CreatedApiKey created = cpm.apiKeys.create(new CreateApiKeyCommand("brand site", Set.of(Role.COLLECTOR), Optional.empty(),
                Set.of(brand), InMemoryOpenCpm.ADMIN));
        ApiPrincipal principal = cpm.apiKeys.authenticate(created.key()).orElseThrow();
        assertThat(principal.boundToOrigins()).isTrue();
        assertThat(principal.origins()).containsExactly(brand);
        assertThat(principal.mayActAs(Set.of(Role.INTEGRATOR))).isFalse();
        assertThat(principal.mayActAs(Set.of(Role.COLLECTOR))).isTrue();
        assertThat(cpm.apiKeys.collectsFrom(brand)).isTrue();
        assertThat(cpm.apiKeys.collectsFrom(other)).isFalse();
        assertThat(cpm.auditTrail.all().get(cpm.auditTrail.all().size() - 1).details()).containsEntry("origins", brand.value());

        cpm.apiKeys.revoke(created.id(), InMemoryOpenCpm.ADMIN);
        assertThat(cpm.apiKeys.collectsFrom(brand)).isFalse();
    }

    @Test
    void a_collector_key_made_on_another_node_answers_preflights_here_within_a_second_and_no_read_is_made_in_between() {
        WebOrigin brand = new WebOrigin("https://shop.brand.example");
        assertThat(cpm.apiKeys.collectsFrom(brand)).isFalse();
        // another node writes the key straight to the shared table
        cpm.apiKeyStore.save(StoredApiKey.created("key_elsewhere", "brand site", "f".repeat(64), Set.of(Role.COLLECTOR),
                cpm.clock.now(), Optional.empty(), Set.of(brand)));
        assertThat(cpm.apiKeys.collectsFrom(brand)).isFalse();
        cpm.clock.advance(Duration.ofMillis(999));
        assertThat(cpm.apiKeys.collectsFrom(brand)).isFalse();
        cpm.clock.advance(Duration.ofMillis(1));
        assertThat(cpm.apiKeys.collectsFrom(brand)).isTrue();
    }

    @Test
    void a_collector_key_has_no_other_role_and_only_it_has_origins() {
        WebOrigin brand = new WebOrigin("https://shop.brand.example");
        assertThatThrownBy(() -> new CreateApiKeyCommand("x", Set.of(Role.COLLECTOR, Role.INTEGRATOR), Optional.empty(), Set.of(brand),
                InMemoryOpenCpm.ADMIN)).isInstanceOf(InvalidValueException.class).hasMessageContaining("roles");
        assertThatThrownBy(() -> new CreateApiKeyCommand("x", Set.of(Role.COLLECTOR), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("origins");
        assertThatThrownBy(() -> new CreateApiKeyCommand("x", Set.of(Role.ADMIN), Optional.empty(), Set.of(brand), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("origins");
        assertThat(WebOrigin.parse("HTTPS://Shop.Brand.Example:443/", "o")).isEqualTo(brand);
        assertThat(WebOrigin.parse("http://localhost:8081", "o").value()).isEqualTo("http://localhost:8081");
        for (String bad : new String[] {"https://a.example/x", "*", "null", "https://a.example?x", "javascript:alert(1)", "https://u@a.example",
                "https://a.example#f", "https://a .example"}) {
            assertThatThrownBy(() -> WebOrigin.parse(bad, "o")).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void keys_are_stored_as_a_keyed_hash_not_as_plain_sha256() {
        CreatedApiKey created = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        StoredApiKey stored = cpm.apiKeyStore.findById(created.id()).orElseThrow();
        assertThat(stored.hashAlgorithm()).isEqualTo(StoredApiKey.HMAC_SHA256);
        assertThat(stored.keyHash()).isEqualTo(cpm.vault.apiKeyHash(created.key())).isNotEqualTo(Sha256.hex(created.key()));
        assertThat(cpm.vault.apiKeyHash(created.key())).as("a key of its own, not the pseudonym key")
                .isNotEqualTo(cpm.vault.pseudonym(created.key()));
    }

    @Test
    void a_key_stored_as_plain_sha256_before_the_upgrade_passes_and_is_rehashed_on_first_use() {
        String legacyKey = "opk_made-before-keyed-hashes-0123456789";
        cpm.apiKeyStore.save(new StoredApiKey("key_legacy", "old", Sha256.hex(legacyKey), StoredApiKey.SHA256,
                Set.of(Role.AUDITOR), InMemoryOpenCpm.START, Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(cpm.apiKeys.authenticate(legacyKey)).map(ApiPrincipal::keyId).contains("key_legacy");

        StoredApiKey upgraded = cpm.apiKeyStore.findById("key_legacy").orElseThrow();
        assertThat(upgraded.hashAlgorithm()).isEqualTo(StoredApiKey.HMAC_SHA256);
        assertThat(upgraded.keyHash()).isEqualTo(cpm.vault.apiKeyHash(legacyKey));
        assertThat(cpm.apiKeys.authenticate(legacyKey)).isPresent();
    }

    @Test
    void the_list_shows_every_key_and_never_a_secret() {
        cpm.apiKeys.bootstrap(Optional.empty());
        cpm.clock.advance(Duration.ofSeconds(1));
        Instant expiry = InMemoryOpenCpm.START.plus(Duration.ofDays(30));
        CreatedApiKey crm = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), Optional.of(expiry),
                InMemoryOpenCpm.ADMIN));
        cpm.apiKeys.revoke(crm.id(), InMemoryOpenCpm.ADMIN);

        List<ApiKeySummary> keys = cpm.apiKeys.list();

        assertThat(keys).extracting(ApiKeySummary::name).containsExactly("bootstrap-admin", "crm");
        assertThat(keys.get(1)).isEqualTo(new ApiKeySummary(crm.id(), "crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.START.plusSeconds(1),
                Optional.of(expiry), Optional.empty(), true));
        assertThat(keys.toString()).doesNotContain(crm.key()).doesNotContain(cpm.vault.apiKeyHash(crm.key()));
    }

    @Test
    void a_revoked_key_is_refused_at_once() {
        cpm.apiKeys.bootstrap(Optional.empty());
        CreatedApiKey crm = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        assertThat(cpm.apiKeys.authenticate(crm.key())).isPresent();

        cpm.apiKeys.revoke(crm.id(), InMemoryOpenCpm.ADMIN);

        assertThat(cpm.apiKeys.authenticate(crm.key())).isEmpty();
    }

    @Test
    void a_key_expires_at_its_expiry_and_a_past_expiry_is_refused() {
        Instant expiry = InMemoryOpenCpm.START.plus(Duration.ofHours(1));
        CreatedApiKey temporary = cpm.apiKeys.create(new CreateApiKeyCommand("migration", Set.of(Role.INTEGRATOR),
                Optional.of(expiry), InMemoryOpenCpm.ADMIN));
        cpm.clock.set(expiry.minusMillis(1));
        assertThat(cpm.apiKeys.authenticate(temporary.key())).isPresent();
        cpm.clock.set(expiry);
        assertThat(cpm.apiKeys.authenticate(temporary.key())).isEmpty();

        long keys = cpm.apiKeyStore.count();
        assertThatThrownBy(() -> cpm.apiKeys.create(new CreateApiKeyCommand("late", Set.of(Role.AUDITOR), Optional.of(expiry),
                InMemoryOpenCpm.ADMIN))).isInstanceOf(InvalidValueException.class).hasMessageContaining("expiresAt");
        assertThat(cpm.apiKeyStore.count()).isEqualTo(keys);
    }

    @Test
    void the_last_lasting_admin_key_cannot_be_revoked_while_the_other_admins_expire() {
        String configured = "operator-chose-this-admin-key-2026";
        cpm.apiKeys.bootstrap(Optional.of(configured));
        String bootstrapId = cpm.apiKeys.authenticate(configured).orElseThrow().keyId();
        CreatedApiKey temporary = cpm.apiKeys.create(new CreateApiKeyCommand("contractor", Set.of(Role.ADMIN),
                Optional.of(InMemoryOpenCpm.START.plus(Duration.ofMinutes(5))), Actor.apiKey(bootstrapId)));

        assertThatThrownBy(() -> cpm.apiKeys.revoke(bootstrapId, Actor.apiKey(temporary.id())))
                .isInstanceOf(org.opencpm.application.LastAdminKeyException.class);
        cpm.clock.advance(Duration.ofMinutes(10));
        assertThat(cpm.apiKeys.authenticate(configured)).as("the installation is not locked out").isPresent();

        CreatedApiKey lasting = cpm.apiKeys.create(new CreateApiKeyCommand("alice", Set.of(Role.ADMIN), Actor.apiKey(bootstrapId)));
        cpm.apiKeys.revoke(bootstrapId, Actor.apiKey(lasting.id()));
        assertThat(cpm.apiKeys.authenticate(configured)).isEmpty();
    }

    @Test
    void a_retired_bootstrap_key_is_not_made_again_by_a_restart_with_the_same_setting() {
        String configured = "operator-chose-this-admin-key-2026";
        cpm.apiKeys.bootstrap(Optional.of(configured));
        String bootstrapId = cpm.apiKeys.authenticate(configured).orElseThrow().keyId();
        cpm.apiKeys.create(new CreateApiKeyCommand("alice", Set.of(Role.ADMIN), Actor.apiKey(bootstrapId)));
        cpm.apiKeys.revoke(bootstrapId, Actor.apiKey(bootstrapId));

        ApiKeyService restarted = new ApiKeyService(cpm.ports);
        assertThat(restarted.bootstrap(Optional.of(configured)).created()).isFalse();
        assertThat(restarted.authenticate(configured)).isEmpty();
    }

    @Test
    void last_use_is_written_at_most_once_a_minute_per_key() {
        CreatedApiKey crm = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        Instant first = cpm.clock.now();
        cpm.apiKeys.authenticate(crm.key());
        assertThat(lastUsed(crm)).contains(first);

        cpm.clock.advance(ApiKeyService.LAST_USED_PRECISION.minusSeconds(1));
        cpm.apiKeys.authenticate(crm.key());
        assertThat(lastUsed(crm)).as("not written again within the minute").contains(first);

        cpm.clock.advance(Duration.ofSeconds(1));
        cpm.apiKeys.authenticate(crm.key());
        assertThat(lastUsed(crm)).contains(first.plus(ApiKeyService.LAST_USED_PRECISION));
    }

    private Optional<Instant> lastUsed(CreatedApiKey key) {
        return cpm.apiKeyStore.findById(key.id()).orElseThrow().lastUsedAt();
    }

    @Test
    void an_address_that_fails_too_often_is_throttled_until_its_window_ends_before_any_key_is_looked_at() {
        CreatedApiKey crm = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        int limit = FailedAuthentications.Settings.DEFAULT.maxFailures();
        for (int i = 0; i < limit; i++) {
            assertThat(cpm.apiKeys.authenticate("opk_guess-" + i, "203.0.113.9")).isInstanceOf(Authentication.Refused.class);
        }
        cpm.clock.advance(Duration.ofSeconds(20));
        assertThat(cpm.apiKeys.authenticate("opk_guess-x", "203.0.113.9")).isEqualTo(new Authentication.Throttled(Duration.ofSeconds(40)));
        long lookups = cpm.apiKeyStore.hashLookups();

        assertThat(cpm.apiKeys.authenticate("opk_guess-y", "203.0.113.9")).isEqualTo(new Authentication.Throttled(Duration.ofSeconds(40)));
        assertThat(cpm.apiKeys.authenticate(crm.key(), "203.0.113.9")).as("a valid key from the throttled address cannot be told apart")
                .isEqualTo(new Authentication.Throttled(Duration.ofSeconds(40)));
        assertThat(cpm.apiKeyStore.hashLookups()).as("no key from a throttled address is looked up").isEqualTo(lookups);
        assertThat(cpm.apiKeys.authenticate(crm.key(), "198.51.100.7")).as("the valid key from another address")
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(cpm.apiKeys.authenticate("opk_guess-y", "198.51.100.7")).as("another address").isInstanceOf(Authentication.Refused.class);

        cpm.clock.advance(Duration.ofSeconds(40));
        assertThat(cpm.apiKeys.authenticate(crm.key(), "203.0.113.9")).as("the window is over").isInstanceOf(Authentication.Authenticated.class);
        assertThat(cpm.apiKeys.authenticate("opk_guess-z", "203.0.113.9")).isInstanceOf(Authentication.Refused.class);
        assertThat(((ApiKeyService) cpm.apiKeys).failures().total()).as("throttled attempts count as failures").isEqualTo(limit + 5);
    }

    @Test
    void addresses_sharing_the_overflow_entry_are_not_locked_out_before_their_key_is_checked() {
        ApiKeyService service = new ApiKeyService(cpm.ports, new FailedAuthentications.Settings(1, Duration.ofMinutes(1), 2));
        CreatedApiKey crm = service.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        for (int i = 0; i < 10; i++) {
            service.authenticate("opk_guess-" + i, "10.0.0." + i);
        }
        assertThat(service.authenticate("opk_guess", "192.0.2.1")).as("a newcomer's failure counts in the full overflow entry")
                .isInstanceOf(Authentication.Throttled.class);
        assertThat(service.authenticate(crm.key(), "192.0.2.1")).as("but a valid key from a newcomer passes")
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void the_throttling_table_stays_bounded_whatever_the_number_of_addresses() {
        FailedAuthentications failures = new FailedAuthentications(new FailedAuthentications.Settings(2, Duration.ofMinutes(1), 100),
                cpm.clock);
        for (int i = 0; i < 10_000; i++) {
            failures.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(failures.addresses()).isLessThanOrEqualTo(100);
        assertThat(failures.failed("10.99.0.1")).as("newcomers share the overflow entry, which is over its limit").isPresent();

        cpm.clock.advance(Duration.ofMinutes(1));
        assertThat(failures.failed("10.99.0.1")).as("ended windows make room again").isEmpty();
    }

    @Test
    void failures_are_counted_and_logged_at_most_once_a_window_without_the_key() {
        try (CapturedLog log = CapturedLog.of(FailedAuthentications.class)) {
            List<LogRecord> logged = log.records();
            List<Long> counted = new ArrayList<>();
            ApiKeyService service = (ApiKeyService) cpm.apiKeys;
            service.failures().onFailure(() -> counted.add(1L));
            for (int i = 0; i < 50; i++) {
                service.authenticate("opk_secret-guess-" + i, "203.0.113.9");
            }
            cpm.clock.advance(Duration.ofMinutes(1));
            service.authenticate("opk_secret-guess-last", "203.0.113.9");

            assertThat(counted).hasSize(51);
            assertThat(logged).hasSize(2);
            assertThat(logged).allSatisfy(r -> assertThat(r.getMessage()).doesNotContain("secret-guess"));
            assertThat(logged.get(1).getMessage()).startsWith("50 failed");
        }
    }

    @Test
    void a_key_revoked_on_another_node_and_revoked_again_here_is_refused_here_at_once() {
        cpm.apiKeys.bootstrap(Optional.empty());
        CreatedApiKey crm = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        ApiKeyService here = new ApiKeyService(cpm.ports, FailedAuthentications.Settings.DEFAULT, Duration.ofMinutes(5));
        ApiKeyService elsewhere = new ApiKeyService(cpm.ports, FailedAuthentications.Settings.DEFAULT, Duration.ofMinutes(5));
        assertThat(here.authenticate(crm.key())).as("the row is now kept here").isPresent();

        elsewhere.revoke(crm.id(), InMemoryOpenCpm.ADMIN);
        here.revoke(crm.id(), InMemoryOpenCpm.ADMIN); // an operator who sees it still pass here revokes it here too

        assertThat(here.authenticate(crm.key())).as("revoked through this node: forgotten at once (ADR 0019)").isEmpty();
    }
}
