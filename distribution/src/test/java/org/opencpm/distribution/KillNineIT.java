package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every consent the server answered 201 for survives {@code kill -9}, and the chain still verifies. */
class KillNineIT {

    private static final String ADMIN = "kill-nine-test-admin-key-0000000001";
    private static final int CLIENTS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @Test
    @DisplayName("kill -9 during a stream of grants loses no grant that was answered 201")
    void acknowledged_grants_survive_a_hard_kill(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).start()) {
            DistributionIT.defineCatalogue(server, ADMIN);

            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicLong phones = new AtomicLong(13_500_000_000L);
            AtomicBoolean killed = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (!killed.get()) {
                        try {
                            HttpResponse<String> reply = server.post("/api/v1/consents", ADMIN, grant(phones.incrementAndGet()));
                            if (reply.statusCode() == 201) {
                                acknowledged.add(Json.parse(reply.body()).getString("receiptId"));
                                enough.countDown();
                            }
                        } catch (RuntimeException connectionLost) {
                            // the server is gone: requests in flight were never answered 201
                        }
                    }
                }));
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("%d grants acknowledged", ACKNOWLEDGED_BEFORE_KILL).isTrue();
            server.killHard();
            killed.set(true);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            Set<String> answered201 = new HashSet<>(acknowledged);
            assertThat(answered201.size()).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

            server.start();

            Set<String> recorded = new HashSet<>();
            server.get("/api/v1/audit/events", ADMIN, "application/x-ndjson").body().lines()
                    .map(line -> jakarta.json.Json.createReader(new StringReader(line)).readObject())
                    .filter(line -> !line.containsKey("kind")) // the export's checkpoint and public-key lines (ADR 0011)
                    .map(event -> event.getString("eventId"))
                    .forEach(recorded::add);
            assertThat(recorded).as("every receipt answered 201 is in the audit trail after kill -9").containsAll(answered201);
            JsonObject verified = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
            assertThat(verified.getBoolean("valid")).as(verified.toString()).isTrue();
        }
    }

    private static String grant(long phone) {
        return Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%d'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(phone));
    }
}
