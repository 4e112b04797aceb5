package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.application.security.FailedAuthentications;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;

/**
 * Keys over HTTP: listed without secrets, revoked (401 at once), expiring, audited with the
 * admin key's id as actor; and failed authentications from one address throttled with 429.
 */
@HelidonTest
class ApiKeyLifecycleTest {

    @Inject
    WebTarget target;

    private Api admin() {
        return new Api(target, InMemoryWiring.ADMIN_KEY);
    }

    private String adminId() {
        return InMemoryWiring.CPM.apiKeys.authenticate(InMemoryWiring.ADMIN_KEY).orElseThrow().keyId();
    }

    @Test
    void a_revoked_key_gets_401_at_once_and_the_revocation_is_audited() {
        Api.Reply created = admin().post("api/v1/api-keys", json("{'name': 'pos-tablets', 'roles': ['integrator']}"));
        String id = created.json().getString("id");
        Api tablets = new Api(target, created.json().getString("key"));
        assertThat(tablets.get("api/v1/purposes").status()).isEqualTo(200);
        int events = InMemoryWiring.CPM.auditTrail.all().size();

        Api.Reply deleted = admin().delete("api/v1/api-keys/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(tablets.get("api/v1/purposes").status()).isEqualTo(401);
        List<AuditEvent> trail = InMemoryWiring.CPM.auditTrail.all();
        assertThat(trail).hasSize(events + 1);
        assertThat(trail.get(events).type()).isEqualTo(AuditEventType.API_KEY_REVOKED);
        assertThat(trail.get(events).actor()).isEqualTo("key:" + adminId());
        assertThat(trail.get(events).details()).containsEntry("keyId", id);
        assertThat(admin().get("api/v1/audit/verify").json().getBoolean("valid")).isTrue();
    }

    @Test
    void a_key_gets_401_from_its_expiry_on() {
        java.time.Instant expiry = InMemoryWiring.CPM.clock.now().plus(Duration.ofHours(1));
        Api.Reply created = admin().post("api/v1/api-keys",
                json("{'name': 'one-off-import', 'roles': ['integrator'], 'expiresAt': '%s'}".formatted(expiry)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api importer = new Api(target, created.json().getString("key"));
        assertThat(importer.get("api/v1/purposes").status()).isEqualTo(200);

        InMemoryWiring.CPM.clock.advance(Duration.ofHours(1));

        assertThat(importer.get("api/v1/purposes").status()).isEqualTo(401);
    }

    @Test
    void the_list_shows_each_key_once_without_its_secret() {
        Api.Reply created = admin().post("api/v1/api-keys",
                json("{'name': 'nightly-export', 'roles': ['auditor'], 'expiresAt': '2099-01-01T00:00:00+08:00'}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("expiresAt")).isEqualTo("2098-12-31T16:00:00Z");
        String key = created.json().getString("key");

        Api.Reply list = admin().get("api/v1/api-keys");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key).doesNotContain(InMemoryWiring.ADMIN_KEY).doesNotContain("hash");
        JsonObject listed = list.array().getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("id").equals(created.json().getString("id"))).findFirst().orElseThrow();
        assertThat(listed.keySet()).containsExactlyInAnyOrder("id", "name", "roles", "createdAt", "expiresAt", "lastUsedAt", "revoked");
        assertThat(listed.getString("name")).isEqualTo("nightly-export");
        assertThat(listed.getJsonArray("roles").getString(0)).isEqualTo("auditor");
        assertThat(listed.getString("expiresAt")).isEqualTo("2098-12-31T16:00:00Z");
        assertThat(listed.isNull("lastUsedAt")).isTrue();
        assertThat(listed.getBoolean("revoked")).isFalse();

        assertThat(new Api(target, InMemoryWiring.AUDITOR_KEY).get("api/v1/api-keys").status()).as("admins only").isEqualTo(403);
    }

    @Test
    void bad_requests_about_keys_are_4xx_problems_and_write_nothing() {
        int events = InMemoryWiring.CPM.auditTrail.all().size();
        long keys = InMemoryWiring.CPM.apiKeyStore.count();

        Api.Reply unknown = admin().delete("api/v1/api-keys/key_0000000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("code")).isEqualTo("api-key-not-found");
        assertThat(admin().delete("api/v1/api-keys/key%0A%1B").status()).as("control characters in a path").isEqualTo(400);
        Api.Reply past = admin().post("api/v1/api-keys", json("{'name': 'x', 'roles': ['auditor'], 'expiresAt': '2020-01-01T00:00:00Z'}"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(admin().post("api/v1/api-keys", json("{'name': 'x', 'roles': ['auditor'], 'expiresAt': 'tomorrow'}")).status())
                .isEqualTo(400);
        assertThat(admin().post("api/v1/api-keys", json("{'name': 'x', 'roles': ['auditor'], 'expiresAt': '+99999-01-01T00:00:00Z'}"))
                .status()).isEqualTo(400);
        assertThat(new Api(target, InMemoryWiring.INTEGRATOR_KEY).delete("api/v1/api-keys/" + adminId()).status()).isEqualTo(403);

        assertThat(InMemoryWiring.CPM.auditTrail.all()).hasSize(events);
        assertThat(InMemoryWiring.CPM.apiKeyStore.count()).isEqualTo(keys);
    }

    @Test
    void an_address_that_keeps_failing_gets_429_with_retry_after_even_for_a_valid_key_while_other_addresses_pass() {
        InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(5)); // a window of its own, whatever other tests failed before
        try {
            Api guesser = new Api(target, "opk_guess");
            int limit = FailedAuthentications.Settings.DEFAULT.maxFailures();
            for (int i = 0; i < limit; i++) {
                assertThat(guesser.get("api/v1/purposes").status()).isEqualTo(401);
            }
            Api.Reply throttled = guesser.get("api/v1/purposes");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.contentType()).startsWith("application/problem+json");
            assertThat(throttled.response().getHeaderString("Retry-After")).isEqualTo("60");
            assertThat(throttled.body()).doesNotContain("opk_guess");

            assertThat(admin().get("api/v1/purposes").status()).as("the address waits, whatever key it sends now").isEqualTo(429);
            assertThat(admin().request("api/v1/purposes").header("X-Forwarded-For", "198.51.100.6").get().getStatus())
                    .as("a valid key from another client passes").isEqualTo(200);

            assertThat(guesser.request("api/v1/purposes").header("X-Forwarded-For", "198.51.100.7").get().getStatus())
                    .as("behind a trusted proxy, another client is counted apart").isEqualTo(401);
            for (int i = 0; i < limit; i++) {
                guesser.request("api/v1/purposes").header("X-Forwarded-For", "198.51.100.8").get().close();
            }
            assertThat(guesser.request("api/v1/purposes").header("X-Forwarded-For", "198.51.100.8").get().getStatus()).isEqualTo(429);
        } finally {
            InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(5)); // leave no throttling behind for the other tests
        }
    }
}
