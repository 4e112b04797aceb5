package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/** Every /api call needs a key (401), and a key whose roles allow the call (403). */
@HelidonTest
class ApiKeyAccessTest {

    @Inject
    WebTarget target;

    @Test
    void no_key_or_an_unknown_key_is_401_even_for_unknown_paths() {
        for (Api anonymous : new Api[] {new Api(target, null), new Api(target, "opk_not-a-real-key")}) {
            for (String path : new String[] {"api/v1/purposes", "api/v1/nothing-here"}) {
                Api.Reply reply = anonymous.get(path);
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.response().getHeaderString("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @Test
    void a_key_without_the_role_is_403() {
        Api integrator = new Api(target, InMemoryWiring.INTEGRATOR_KEY);
        Api auditor = new Api(target, InMemoryWiring.AUDITOR_KEY);
        Api.Reply integratorDefines = integrator.put("api/v1/purposes/x", json("{'name': {'en': 'x'}, 'category': 'other', 'legalBasis': 'consent'}"));
        assertThat(integratorDefines.status()).isEqualTo(403);
        assertThat(integratorDefines.json().getString("code")).isEqualTo("forbidden");
        assertThat(auditor.post("api/v1/consents", "{}").status()).isEqualTo(403);
        assertThat(integrator.get("api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(auditor.get("api/v1/audit/verify").status()).isEqualTo(200);
    }

    @Test
    void an_admin_makes_keys_shown_once_that_then_work() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Api.Reply created = admin.post("api/v1/api-keys", json("{'name': 'store-tablets', 'roles': ['integrator']}"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().getString("key");
        assertThat(created.json().getJsonArray("roles").getString(0)).isEqualTo("integrator");
        assertThat(new Api(target, key).get("api/v1/purposes").status()).isEqualTo(200);

        Api.Reply badRole = admin.post("api/v1/api-keys", json("{'name': 'x', 'roles': ['superuser']}"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("roles[0]");
    }
}
