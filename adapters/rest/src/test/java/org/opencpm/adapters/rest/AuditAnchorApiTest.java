package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.audit.CheckpointSignatures;

/** PIPL Art. 54–56: checkpoints on demand (admin), the public keys, verify's anchoring fields and the export's trailer lines. */
@HelidonTest
class AuditAnchorApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api auditor;

    @BeforeEach
    void someHistory() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
        admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"));
        auditor = admin.as(InMemoryWiring.AUDITOR_KEY);
    }

    @Test
    @DisplayName("PIPL Art. 54–56: an admin signs the chain head on demand; verify then says how far it is anchored")
    void an_admin_takes_a_checkpoint_and_verify_reports_the_anchor() {
        Api.Reply taken = admin.post("api/v1/audit/checkpoints", "");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        JsonObject checkpoint = taken.json();
        JsonObject head = checkpoint.getJsonArray("heads").getJsonObject(0);
        assertThat(head.getString("chain")).isEqualTo("main");

        JsonObject verdict = auditor.get("api/v1/audit/verify").json();
        assertThat(verdict.getBoolean("valid")).isTrue();
        assertThat(verdict.getJsonNumber("anchoredThrough").longValue()).isGreaterThanOrEqualTo(head.getJsonNumber("seq").longValue());
        assertThat(verdict.getJsonNumber("checkpoints").longValue()).isPositive();
        assertThat(verdict).containsKeys("events", "lastHash");
    }

    @Test
    void only_an_admin_takes_checkpoints_and_a_body_is_refused() {
        assertThat(auditor.post("api/v1/audit/checkpoints", "").status()).isEqualTo(403);
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).get("api/v1/audit/public-keys").status()).isEqualTo(403);
        Api.Reply withBody = admin.post("api/v1/audit/checkpoints", "{\"seq\": 1}");
        assertThat(withBody.status()).isEqualTo(400);
        assertThat(withBody.contentType()).startsWith("application/problem+json");
    }

    @Test
    void the_public_keys_have_the_fixed_shape_and_sign_the_checkpoints() {
        admin.post("api/v1/audit/checkpoints", "");
        JsonArray keys = auditor.get("api/v1/audit/public-keys").array();
        assertThat(keys).isNotEmpty();
        JsonObject key = keys.getJsonObject(0);
        assertThat(key.keySet()).containsExactlyInAnyOrder("keyId", "algorithm", "publicKeyPem", "validFrom");
        assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
        assertThat(CheckpointSignatures.keyId(CheckpointSignatures.publicKeys(key.getString("publicKeyPem")).get(0)))
                .isEqualTo(key.getString("keyId"));
    }

    @Test
    void the_ndjson_export_ends_with_the_checkpoints_and_keys_an_offline_verifier_needs() {
        admin.post("api/v1/audit/checkpoints", "");
        List<JsonObject> lines = auditor.get("api/v1/audit/events", "application/x-ndjson").body().lines()
                .map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l.getString("kind", "")).isEqualTo("checkpoint"));
        assertThat(lines).anySatisfy(l -> assertThat(l.getString("kind", "")).isEqualTo("publicKey"));
        assertThat(lines).anySatisfy(l -> assertThat(l.getString("type", "")).isEqualTo("audit_key_added"));
        assertThat(auditor.get("api/v1/audit/events", "text/csv").body()).doesNotContain("\"kind\"");
    }
}
