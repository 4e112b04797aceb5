package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in over HTTP: a grant on a double opt-in purpose stays pending until the person's own
 * link (its token) confirms it — a client cannot confirm on the person's behalf.
 */
@HelidonTest
class DoubleOptInApiTest {

    private static final AtomicLong MAILBOXES = new AtomicLong();

    @Inject
    WebTarget target;

    private Api integrator;

    @BeforeEach
    void catalogue() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        assertThat(admin.put("api/v1/purposes/newsletter-email", json("""
                { 'name': {'zh': '电子报'}, 'category': 'marketing', 'legalBasis': 'consent', 'doubleOptIn': true,
                  'dataElements': ['email'] }""")).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': 'newsletter-terms', 'version': '1', 'language': 'zh-CN', 'title': '电子报条款',
                  'content': '每周一封电子报', 'purposes': ['newsletter-email'] }""")).status()).isIn(200, 201);
    }

    private static String freshEmail() {
        return "reader" + MAILBOXES.incrementAndGet() + "-" + System.nanoTime() + "@example.cn";
    }

    /** Grants the newsletter to {@code email} and returns the pending receipt. */
    private JsonObject pendingGrant(String email) {
        Api.Reply granted = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'email', 'value': '%s'}]}, 'purpose': 'newsletter-email',
                  'action': 'grant', 'notice': {'code': 'newsletter-terms', 'version': '1'},
                  'channel': 'web', 'method': 'checkbox' }""".formatted(email)));
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.json().getString("state")).isEqualTo("pending");
        assertThat(granted.json().getString("confirmationToken")).isNotBlank();
        return granted.json();
    }

    private Api.Reply confirmEvent(String email, String tokenField) {
        return integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'email', 'value': '%s'}]}, 'purpose': 'newsletter-email',
                  'action': 'confirm', 'channel': 'email', 'method': 'email_link' %s }""".formatted(email, tokenField)));
    }

    private String decision(String email) {
        JsonObject answer = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'email', 'value': '%s'}]}, 'purpose': 'newsletter-email',
                  'channel': 'email' }""".formatted(email))).json();
        return answer.getBoolean("allowed") + "/" + answer.getString("reason");
    }

    @Test
    @DisplayName("action 'confirm' without the person's token is refused (422) and the grant stays pending")
    void confirm_without_token_is_refused() {
        String email = freshEmail();
        pendingGrant(email);
        Api.Reply refused = confirmEvent(email, "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("code")).isEqualTo("confirmation-token-required");
        assertThat(decision(email)).isEqualTo("false/pending_confirmation");

        Api.Reply batch = integrator.post("api/v1/consents:batch", json("""
                { 'events': [ { 'subject': {'identifiers': [{'type': 'email', 'value': '%s'}]}, 'purpose': 'newsletter-email',
                  'action': 'confirm', 'channel': 'email', 'method': 'email_link' } ] }""".formatted(email)));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().getInt("recorded")).isZero();
        assertThat(batch.json().getJsonArray("results").getJsonObject(0).getInt("status")).isEqualTo(422);
        assertThat(decision(email)).isEqualTo("false/pending_confirmation");
    }

    @Test
    @DisplayName("A wrong token, or another person's token, confirms nothing; the right one confirms once")
    void only_the_persons_own_token_confirms() {
        String email = freshEmail();
        String token = pendingGrant(email).getString("confirmationToken");
        String other = freshEmail();
        String othersToken = pendingGrant(other).getString("confirmationToken");

        assertThat(confirmEvent(email, ", 'confirmationToken': 'not-a-token'").status()).isEqualTo(404);
        assertThat(confirmEvent(email, ", 'confirmationToken': '" + othersToken + "'").status()).isEqualTo(404);
        assertThat(decision(email)).isEqualTo("false/pending_confirmation");

        Api.Reply confirmed = confirmEvent(email, ", 'confirmationToken': '" + token + "'");
        assertThat(confirmed.status()).isEqualTo(201);
        assertThat(confirmed.json().getString("state")).isEqualTo("granted");
        assertThat(decision(email)).isEqualTo("true/granted");
        assertThat(confirmEvent(email, ", 'confirmationToken': '" + token + "'").status()).isEqualTo(404);

        // The other person's token was not used up by the refused attempt: their own link still works.
        Api.Reply link = integrator.post("api/v1/consents:confirm", json("{ 'token': '%s' }".formatted(othersToken)));
        assertThat(link.status()).isEqualTo(200);
        assertThat(decision(other)).isEqualTo("true/granted");
    }
}
