package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.adapters.persistence.DatabaseSettings;

/**
 * The proof of the anchored chain on the real distribution (PIPL Art. 54–56): grants,
 * a checkpoint on demand, the NDJSON export verified by {@code bin/opencpm audit verify} with only
 * the export and the public key — no server, no database — and failing once one byte is flipped; one
 * person's export (by subject id) verified offline as a partial chain, and failing once one byte is flipped;
 * then, the server stopped, the newest anchored events deleted and {@code audit_head} set back in the
 * H2 file with plain JDBC: verify names the first deleted sequence number.
 */
class AuditAnchorIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";

    @Test
    @DisplayName("PIPL Art. 54–56: an export, whole or of one person, verifies offline with the public key, not once a byte is flipped; a cut H2 chain is caught")
    void an_export_verifies_offline_and_a_cut_chain_is_caught(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN);
        Path export = work.resolve("audit.ndjson");
        Path publicKey = work.resolve("checkpoint-key.pem");
        Path persons = work.resolve("audit-of-one-person.ndjson");
        String subject = null;
        long anchoredSeq;
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                        { 'subject': {'identifiers': [{'type': 'phone', 'value': '1380013800%d'}]}, 'purpose': 'marketing-sms',
                          'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                          'method': 'checkbox' }""".formatted(i)));
                assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
                subject = subject == null ? Json.parse(granted.body()).getString("subjectId") : subject;
            }
            HttpResponse<String> withdrawn = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000'}]}, 'purpose': 'marketing-sms',
                      'action': 'withdraw', 'channel': 'miniprogram', 'method': 'checkbox' }"""));
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
            HttpResponse<String> checkpoint = server.post("/api/v1/audit/checkpoints", ADMIN, "");
            assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(201);
            anchoredSeq = Json.parse(checkpoint.body()).getJsonArray("heads").getJsonObject(0).getJsonNumber("seq").longValue();
            JsonArray keys = Json.parseArray(server.get("/api/v1/audit/public-keys", ADMIN).body());
            assertThat(keys.getJsonObject(0).getString("algorithm")).isEqualTo("Ed25519");
            Files.writeString(publicKey, keys.getJsonObject(0).getString("publicKeyPem"));
            Files.writeString(export, server.get("/api/v1/audit/events", ADMIN, "application/x-ndjson").body());
            HttpResponse<String> ofOne = server.get("/api/v1/audit/events?subjectId=" + subject, ADMIN, "application/x-ndjson");
            assertThat(ofOne.statusCode()).as(ofOne.body()).isEqualTo(200);
            Files.writeString(persons, ofOne.body());
            server.stop();
        }
        assertThat(Files.list(unpacked.data.resolve("secrets")).map(p -> p.getFileName().toString()))
                .anySatisfy(name -> assertThat(name).startsWith("audit-checkpoint-"));

        // offline: no server runs now
        Verdict valid = verifyOffline(unpacked, export, publicKey);
        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.output()).startsWith("valid: ");

        byte[] bytes = Files.readAllBytes(export);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"actor\":\"") + "\"actor\":\"".length();
        Path flipped = work.resolve("flipped.ndjson");
        bytes[at] ^= 0x01;
        Files.write(flipped, bytes);
        Verdict broken = verifyOffline(unpacked, flipped, publicKey);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).startsWith("BROKEN at 1:");

        // one person's events: a partial chain, checked as far as it can be and never called valid
        Verdict partial = verifyOffline(unpacked, persons, publicKey);
        assertThat(partial.exit()).as(partial.output()).isZero();
        assertThat(partial.output()).startsWith("partial export: 2 events read, ")
                .contains("filter asked: subjectId=" + subject).contains("WARNING").doesNotContain("valid:");
        String withdrawal = Files.readAllLines(persons).stream().filter(line -> line.contains("\"action\":\"withdraw\"")).findFirst()
                .orElseThrow();
        long withdrawalSeq = Json.parse(withdrawal).getJsonNumber("seq").longValue();
        Path flippedPartial = work.resolve("flipped-partial.ndjson");
        Files.writeString(flippedPartial, Files.readString(persons).replace(withdrawal, withdrawal.replace("\"withdraw\"", "\"withdrax\"")));
        Verdict brokenPartial = verifyOffline(unpacked, flippedPartial, publicKey);
        assertThat(brokenPartial.exit()).as(brokenPartial.output()).isEqualTo(1);
        assertThat(brokenPartial.output()).startsWith("BROKEN at " + withdrawalSeq + ":");

        // the newest anchored events cut from the H2 file and the head set back: the links alone still hold
        long keep = anchoredSeq - 2;
        try (Connection db = DriverManager.getConnection(DatabaseSettings.embeddedH2Url(unpacked.data), "sa", "")) {
            String hash;
            try (PreparedStatement select = db.prepareStatement("SELECT hash FROM audit_event WHERE seq = ?")) {
                select.setLong(1, keep);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    hash = row.getString(1);
                }
            }
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM audit_event WHERE seq > ?");
                 PreparedStatement head = db.prepareStatement("UPDATE audit_head SET seq = ?, hash = ?")) {
                delete.setLong(1, keep);
                delete.executeUpdate();
                head.setLong(1, keep);
                head.setString(2, hash);
                head.executeUpdate();
            }
        }
        try (RunningServer server = unpacked.start()) {
            var verdict = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
            assertThat(verdict.getBoolean("valid")).as(verdict.toString()).isFalse();
            assertThat(verdict.getJsonNumber("brokenAt").longValue()).isEqualTo(keep + 1);
            server.stop();
        }
    }

    private record Verdict(int exit, String output) {
    }

    private static Verdict verifyOffline(RunningServer unpacked, Path export, Path publicKey) throws Exception {
        Process verify = unpacked.command("audit", "verify", export.toString(), "--public-key", publicKey.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verdict(verify.exitValue(), output);
    }
}
