package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static jakarta.json.Json.createArrayBuilder;
import static jakarta.json.Json.createObjectBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand consent changes over a thousand subjects reach a CRM that fails in every way a real
 * one does, across a hard kill and restart of the server in the middle of the backlog: all arrive,
 * signed, none of a subject's after a newer one; those the CRM refused with a 4xx wait in the
 * dead-letter store and arrive, in order, when replayed after the CRM is fixed.
 */
class SyncResilienceIT {

    private static final String ADMIN = "sync-resilience-admin-key-0000000001";
    private static final String SECRET = "crm-secret-for-the-resilience-test-0001";
    private static final int SUBJECTS = 1000;
    private static final int ROUNDS = 10;
    private static final long FIRST_PHONE = 13_700_000_000L;
    /** The CRM refuses these ten subjects (their phone numbers, as sent) until it is fixed. */
    private static final Set<String> REFUSED = IntStream.range(0, 10).mapToObj(i -> "+86" + (FIRST_PHONE + i * 97)).collect(Collectors.toSet());

    @Test
    @DisplayName("10,000 changes over 1,000 subjects reach a failing CRM through a kill -9 and restart, in order; 4xx ones replay once it is fixed")
    void every_change_reaches_an_unreliable_crm_in_order(@TempDir Path work) throws Exception {
        UnreliableCrm behaviour = new UnreliableCrm(SECRET, REFUSED, 1500);
        WireMockServer crm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(64).extensions(behaviour));
        crm.start();
        crm.stubFor(post(urlPathEqualTo("/crm/opencpm-events")).willReturn(aResponse().withTransformers(UnreliableCrm.NAME)));
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).withEnv("CRM_WEBHOOK_SECRET", SECRET);
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d/crm/opencpm-events
                secret=env:CRM_WEBHOOK_SECRET
                timeoutMillis=500
                parallelism=16
                retry.maxAttempts=1000
                retry.baseMillis=100
                retry.maxMillis=2000
                """.formatted(crm.port()));
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            // The backlog is written while the connector's plugin is disabled, so that the kill finds
            // most of it undelivered; half of it after a restart, which the plugin stays disabled through.
            assertThat(server.post("/api/v1/plugins/crm-webhook:disable", ADMIN, "").statusCode()).isEqualTo(200);
            for (int round = 0; round < ROUNDS; round++) {
                if (round == ROUNDS / 2) {
                    server.stop();
                    server.start();
                    assertThat(counts(server).getString("state")).as("the connector after a restart with its plugin disabled")
                            .isEqualTo("paused");
                }
                writeRound(server, round);
            }
            assertThat(counts(server).getInt("pending")).as("changes waiting for the paused connector").isEqualTo(SUBJECTS * ROUNDS);
            assertThat(server.post("/api/v1/plugins/crm-webhook:enable", ADMIN, "").statusCode()).isEqualTo(200);

            await("a third of the changes delivered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> accepted(behaviour).size() >= 3000);
            server.killHard();
            int beforeKill = accepted(behaviour).size();
            assertThat(beforeKill).as("killed in the middle of the backlog").isLessThan(SUBJECTS * ROUNDS - 1000);
            server.start();

            await("every change the CRM does not refuse delivered, the refused ones dead").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> counts(server).getInt("dead") == REFUSED.size() * ROUNDS
                            && accepted(behaviour).size() == (SUBJECTS - REFUSED.size()) * ROUNDS
                            && counts(server).getInt("pending") == 0);
            assertThat(Json.parseArray(server.get("/api/v1/connectors/crm-webhook/deliveries?status=dead&limit=1000", ADMIN).body()))
                    .hasSize(REFUSED.size() * ROUNDS)
                    .allSatisfy(dead -> assertThat(dead.asJsonObject().getString("lastError")).contains("400"));

            behaviour.broken = false;
            HttpResponse<String> replay = server.post("/api/v1/connectors/crm-webhook/deliveries:replay", ADMIN, "");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(Json.parse(replay.body()).getInt("replayed"))
                    .isEqualTo(REFUSED.size() * ROUNDS);
            await("the replayed changes delivered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> accepted(behaviour).size() == SUBJECTS * ROUNDS
                            && counts(server).getInt("pending") == 0 && counts(server).getInt("dead") == 0);
        } finally {
            crm.stop();
        }

        assertThat(behaviour.journal).as("every request signed").allMatch(UnreliableCrm.Arrival::signed);
        Map<UnreliableCrm.Answer, Long> answers = behaviour.journal.stream()
                .collect(Collectors.groupingBy(UnreliableCrm.Arrival::answer, Collectors.counting()));
        System.out.println("The CRM's answers: " + answers);
        assertThat(answers).as("the CRM failed in every way").containsKeys(UnreliableCrm.Answer.REFUSED_400,
                UnreliableCrm.Answer.THROTTLED_429, UnreliableCrm.Answer.ERROR_500, UnreliableCrm.Answer.RESET,
                UnreliableCrm.Answer.UNAVAILABLE_503, UnreliableCrm.Answer.TOO_SLOW);
        Map<String, List<UnreliableCrm.Arrival>> bySubject = behaviour.journal.stream().filter(UnreliableCrm.Arrival::accepted)
                .sorted(Comparator.comparingLong(UnreliableCrm.Arrival::seq))
                .collect(Collectors.groupingBy(UnreliableCrm.Arrival::subjectId));
        assertThat(bySubject).hasSize(SUBJECTS);
        bySubject.forEach((subject, arrivals) -> {
            List<Long> versions = arrivals.stream().map(UnreliableCrm.Arrival::version).toList();
            assertThat(versions).as("versions of %s in the order the CRM took them", subject).isSorted();
            assertThat(versions.stream().distinct().count()).as("changes of %s", subject).isEqualTo(ROUNDS);
            assertThat(arrivals.get(arrivals.size() - 1).state()).as("last state of %s", subject).isEqualTo("withdrawn");
        });
    }

    /** Round r gives every subject its r-th change: grant, withdraw, grant… (the last, round 9, a withdrawal). */
    private static void writeRound(RunningServer server, int round) {
        JsonArrayBuilder events = createArrayBuilder();
        for (int s = 0; s < SUBJECTS; s++) {
            var event = createObjectBuilder()
                    .add("subject", createObjectBuilder().add("identifiers", createArrayBuilder()
                            .add(createObjectBuilder().add("type", "phone").add("value", Long.toString(FIRST_PHONE + s)))))
                    .add("purpose", "marketing-sms").add("channel", "app").add("method", "checkbox");
            if (round % 2 == 0) {
                event.add("action", "grant").add("notice", createObjectBuilder().add("code", "privacy-policy").add("version", "2026-01"));
            } else {
                event.add("action", "withdraw");
            }
            events.add(event);
        }
        HttpResponse<String> answer = server.post("/api/v1/consents:batch", ADMIN,
                createObjectBuilder().add("events", events).build().toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Json.parse(answer.body()).getInt("recorded")).isEqualTo(SUBJECTS);
    }

    /** The distinct (subject, version) pairs the CRM took. */
    private static Set<String> accepted(UnreliableCrm behaviour) {
        return behaviour.journal.stream().filter(UnreliableCrm.Arrival::accepted).map(a -> a.subjectId() + "#" + a.version())
                .collect(Collectors.toSet());
    }

    private static JsonObject counts(RunningServer server) {
        return PluginDropInIT.byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body()))
                .get("crm-webhook");
    }
}
