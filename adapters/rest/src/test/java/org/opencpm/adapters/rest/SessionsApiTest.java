package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.Role;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Console sessions over HTTP (ADR 0021): sign in once with a key, then call the API with the
 * session cookie and the CSRF token; every hostile variant — no token, a wrong one, a forged or
 * ended cookie, a revoked key, a cookie beside a bad key, a session breeding a session — gets a
 * problem+json 4xx and changes nothing.
 */
@HelidonTest
class SessionsApiTest {

    private static final String COOKIE = "opencpm_session";

    @Inject
    WebTarget target;

    record Session(String id, String csrf, JsonObject body, String setCookie) {
    }

    private Session signIn(String key) {
        Response r = target.path("api/v1/sessions").request().header("Authorization", "Bearer " + key).post(Entity.text(""));
        String body = r.readEntity(String.class);
        assertThat(r.getStatus()).as(body).isEqualTo(201);
        String setCookie = r.getHeaderString("Set-Cookie");
        String id = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        return new Session(id, json.getString("csrfToken"), json, setCookie);
    }

    private Invocation.Builder withSession(String path, String sessionId, String csrf) {
        Invocation.Builder request = target.path(path).request().header("Cookie", COOKIE + "=" + sessionId);
        return csrf == null ? request : request.header("X-CSRF-Token", csrf);
    }

    private static final String PURPOSE = "{\"name\":{\"zh\":\"控制台\"},\"category\":\"service\",\"legalBasis\":\"contract\",\"necessary\":true,\"dataElements\":[\"phone\"]}";

    private String newKey(Role role) {
        return InMemoryWiring.CPM.apiKeys.create(new CreateApiKeyCommand("console-" + role.code(), Set.of(role), InMemoryOpenCpm.ADMIN)).key();
    }

    @Test
    void a_signed_in_console_calls_the_api_with_its_cookie_and_csrf_token() {
        Session s = signIn(InMemoryWiring.ADMIN_KEY);

        assertThat(s.setCookie()).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
        assertThat(s.body().getJsonArray("roles").getString(0)).isEqualTo("admin");
        assertThat(s.body().getString("expiresAt")).isNotBlank();
        assertThat(s.body().toString()).doesNotContain(s.id()).doesNotContain(InMemoryWiring.ADMIN_KEY);
        // only hashes are stored
        assertThat(InMemoryWiring.CPM.consoleSessionStore.findByHash(s.id())).isEmpty();

        Response purposes = withSession("api/v1/purposes", s.id(), s.csrf()).get();
        assertThat(purposes.getStatus()).as(purposes.readEntity(String.class)).isEqualTo(200);
        Response created = withSession("api/v1/purposes/console-made", s.id(), s.csrf())
                .put(Entity.entity(PURPOSE, "application/json"));
        assertThat(created.getStatus()).as(created.readEntity(String.class)).isIn(200, 201);
    }

    @Test
    void a_session_keeps_its_keys_roles() {
        Session auditor = signIn(newKey(Role.AUDITOR));
        assertThat(auditor.body().getJsonArray("roles").getString(0)).isEqualTo("auditor");

        assertProblem(withSession("api/v1/api-keys", auditor.id(), auditor.csrf()).get(), 403, "forbidden");
        assertThat(withSession("api/v1/audit/verify", auditor.id(), auditor.csrf()).get().getStatus()).isEqualTo(200);
    }

    @Test
    void a_cookie_without_the_csrf_token_or_with_a_wrong_one_is_refused_and_writes_nothing() {
        Session s = signIn(InMemoryWiring.ADMIN_KEY);
        int purposes = InMemoryWiring.CPM.purposeStore.all().size();

        assertProblem(withSession("api/v1/purposes", s.id(), null).get(), 403, "csrf-token-invalid");
        assertProblem(withSession("api/v1/purposes/csrf-victim", s.id(), null)
                .put(Entity.entity(PURPOSE, "application/json")), 403, "csrf-token-invalid");
        assertProblem(withSession("api/v1/purposes/csrf-victim", s.id(), signIn(InMemoryWiring.ADMIN_KEY).csrf())
                .put(Entity.entity(PURPOSE, "application/json")), 403, "csrf-token-invalid");
        assertProblem(withSession("api/v1/purposes", s.id(), "not-a-token").get(), 403, "csrf-token-invalid");
        assertProblem(withSession("api/v1/purposes", s.id(), "").get(), 403, "csrf-token-invalid");

        assertThat(InMemoryWiring.CPM.purposeStore.all()).hasSize(purposes);
    }

    @Test
    void a_forged_or_malformed_cookie_is_401_and_clears_the_cookie() {
        Session s = signIn(InMemoryWiring.ADMIN_KEY);
        String forged = s.id().substring(0, 42) + (s.id().charAt(42) == 'A' ? 'B' : 'A');
        for (String cookie : new String[] {forged, "x", "../../etc/passwd", "a".repeat(5000), "\u4e2d\u6587"}) {
            Response r = withSession("api/v1/purposes", cookie, s.csrf()).get();
            assertThat(r.getHeaderString("Set-Cookie")).contains("Max-Age=0");
            assertProblem(r, 401, "session-invalid");
        }
    }

    @Test
    void a_session_ends_when_idle_and_at_its_absolute_end_even_when_used() {
        Duration advanced = Duration.ZERO;
        try {
            Session idle = signIn(InMemoryWiring.ADMIN_KEY);
            InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(31));
            advanced = advanced.plusMinutes(31);
            assertProblem(withSession("api/v1/purposes", idle.id(), idle.csrf()).get(), 401, "session-invalid");

            Session busy = signIn(InMemoryWiring.ADMIN_KEY);
            for (int i = 0; i < 26; i++) { // used every 29 minutes: never idle, but 12 h is the most
                InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(29));
                advanced = advanced.plusMinutes(29);
                int status = withSession("api/v1/purposes", busy.id(), busy.csrf()).get().getStatus();
                assertThat(status).as("after %d min", (i + 1) * 29).isEqualTo((i + 1) * 29 < 12 * 60 ? 200 : 401);
            }
        } finally {
            // the clock is shared with the other tests: leave it at the same time of day (quiet hours)
            InMemoryWiring.CPM.clock.advance(Duration.ofDays(1).minus(advanced));
        }
    }

    @Test
    void a_revoked_key_ends_its_sessions_at_once() {
        String key = newKey(Role.INTEGRATOR);
        Session s = signIn(key);
        assertThat(withSession("api/v1/purposes", s.id(), s.csrf()).get().getStatus()).isEqualTo(200);
        String keyId = InMemoryWiring.CPM.apiKeys.authenticate(key).orElseThrow().keyId();

        InMemoryWiring.CPM.apiKeys.revoke(keyId, InMemoryOpenCpm.ADMIN);

        assertProblem(withSession("api/v1/purposes", s.id(), s.csrf()).get(), 401, "session-invalid");
    }

    @Test
    void a_cookie_never_stands_in_for_a_bad_bearer_key_and_a_session_cannot_start_another() {
        Session s = signIn(InMemoryWiring.ADMIN_KEY);

        Response mixed = withSession("api/v1/purposes", s.id(), s.csrf()).header("Authorization", "Bearer not-a-known-key-0123456789").get();
        assertProblem(mixed, 401, "unauthorized");
        Response noScheme = withSession("api/v1/purposes", s.id(), s.csrf()).header("Authorization", "Basic YTpi").get();
        assertProblem(noScheme, 401, "unauthorized");

        assertProblem(withSession("api/v1/sessions", s.id(), s.csrf()).post(Entity.text("")), 403, "forbidden");
    }

    @Test
    void sign_in_refuses_a_bad_key_and_a_body_with_fields() {
        assertProblem(target.path("api/v1/sessions").request().header("Authorization", "Bearer wrong-key-0123456789abcdef")
                .post(Entity.text("")), 401, "unauthorized");
        assertProblem(target.path("api/v1/sessions").request().post(Entity.text("")), 401, "unauthorized");
        Response fields = target.path("api/v1/sessions").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .post(Entity.entity("{\"remember\":true}", "application/json"));
        assertThat(fields.getStatus()).isEqualTo(400);
        assertThat(fields.getMediaType().toString()).isEqualTo("application/problem+json");
        Response broken = target.path("api/v1/sessions").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .post(Entity.entity("{", "application/json"));
        assertThat(broken.getStatus()).isEqualTo(400);
        Response padded = target.path("api/v1/sessions").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .post(Entity.entity("{" + " ".repeat(2000) + "}", "application/json"));
        assertThat(padded.getStatus()).as("an empty object, but more than a sign-in's body may be").isEqualTo(413);
        Response empty = target.path("api/v1/sessions").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .post(Entity.entity("{}", "application/json"));
        assertThat(empty.getStatus()).isEqualTo(201);
    }

    @Test
    void sign_out_ends_the_session_everywhere() {
        Session s = signIn(InMemoryWiring.ADMIN_KEY);

        assertProblem(withSession("api/v1/sessions/current", s.id(), null).delete(), 403, "csrf-token-invalid");
        Response out = withSession("api/v1/sessions/current", s.id(), s.csrf()).delete();
        assertThat(out.getStatus()).isEqualTo(204);
        assertThat(out.getHeaderString("Set-Cookie")).contains(COOKIE + "=;").contains("Max-Age=0");

        assertProblem(withSession("api/v1/purposes", s.id(), s.csrf()).get(), 401, "session-invalid");
        assertProblem(target.path("api/v1/sessions/current").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .delete(), 400, "no-session");
    }
}
