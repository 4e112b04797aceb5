package org.opencpm.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.opencpm.connectors.api.Hmac;

/**
 * P6 and P7: consent changes through the outbox, the connector runtime and the crm-webhook plugin
 * into a local HTTP stub of a CRM — this program's own, which checks every request's signature,
 * counts each (subject, version) once and notes any change of a subject that arrives after a newer
 * one.
 *
 * <ul>
 *   <li>{@code run}: P6 — pauses the connector (its plugin disabled: changes queue in the
 *       database), writes {@code changes} consent changes over {@code subjects} subjects through
 *       {@code consents:batch}, enables the plugin and times the backlog's delivery; then P7 — with
 *       the connector idle, withdrawals one after another at a steady rate, each timed from the
 *       request to its arrival at the stub.</li>
 *   <li>{@code stub}: the stub alone, for the baseline (wrk against it); writes a signed sample
 *       request for wrk's script.</li>
 * </ul>
 *
 * <pre>
 * java -cp … org.opencpm.benchmarks.SyncBench run  &lt;base-url&gt; &lt;admin-key&gt; &lt;stub-port&gt; &lt;secret&gt; [changes=100000] [subjects=20000] [withdrawals=1500] [rate=50]
 * java -cp … org.opencpm.benchmarks.SyncBench stub &lt;stub-port&gt; &lt;secret&gt; &lt;sample-dir&gt;
 * </pre>
 */
public final class SyncBench {

    private static final String PURPOSE = "bench-marketing";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("stub")) {
            Stub stub = new Stub(Integer.parseInt(args[1]), args[2]);
            writeSample(Path.of(args[3]), args[2]);
            System.out.println("stub listening on 127.0.0.1:" + args[1]);
            Thread.currentThread().join();
            stub.close();
            return;
        }
        if (args.length < 5 || !args[0].equals("run")) {
            System.err.println("usage: SyncBench run <base-url> <admin-key> <stub-port> <secret> [changes] [subjects] [withdrawals] [rate]\n"
                    + "       SyncBench stub <stub-port> <secret> <sample-dir>");
            System.exit(2);
        }
        String base = args[1];
        String key = args[2];
        int port = Integer.parseInt(args[3]);
        String secret = args[4];
        int changes = args.length > 5 ? Integer.parseInt(args[5]) : 100_000;
        int subjects = args.length > 6 ? Integer.parseInt(args[6]) : 20_000;
        int withdrawals = args.length > 7 ? Integer.parseInt(args[7]) : 1_500;
        int rate = args.length > 8 ? Integer.parseInt(args[8]) : 50;
        try (Stub stub = new Stub(port, secret)) {
            Api api = new Api(base, key);
            backlog(api, stub, changes, subjects);
            latency(api, stub, withdrawals, rate);
        }
    }

    // ------------------------------------------------------------------ P6

    private static void backlog(Api api, Stub stub, int changes, int subjects) throws Exception {
        int perSubject = changes / subjects;
        if (perSubject < 1 || changes % subjects != 0) {
            throw new IllegalArgumentException("changes must be a multiple of subjects");
        }
        api.call("POST", "/api/v1/plugins/crm-webhook:disable", "", 200);
        long written = System.nanoTime();
        // Round r gives every subject its r-th change: grant, withdraw, grant… so each subject ends
        // withdrawn when perSubject is even, granted when odd.
        int batch = 1000;
        for (int round = 0; round < perSubject; round++) {
            for (int from = 0; from < subjects; from += batch) {
                JsonArrayBuilder events = Json.createArrayBuilder();
                for (int s = from; s < Math.min(subjects, from + batch); s++) {
                    events.add(event(phone(s), round % 2 == 0 ? "grant" : "withdraw"));
                }
                JsonObject answer = Json.createReader(new StringReader(api.call("POST", "/api/v1/consents:batch",
                        Json.createObjectBuilder().add("events", events).build().toString(), 200))).readObject();
                if (answer.getInt("refused") != 0) {
                    throw new IllegalStateException("refused events: " + answer);
                }
            }
        }
        double writeSeconds = (System.nanoTime() - written) / 1e9;
        System.out.printf("-- P6: %,d changes over %,d subjects written while the connector was paused, in %.1f s (%,.0f/s)%n",
                changes, subjects, writeSeconds, changes / writeSeconds);
        long start = System.nanoTime();
        api.call("POST", "/api/v1/plugins/crm-webhook:enable", "", 200);
        long deadline = start + Duration.ofMinutes(10).toNanos();
        long lastReport = start;
        while (stub.unique.sum() < changes && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("   %,d delivered after %.0f s%n", stub.unique.sum(), (lastReport - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = stub.unique.sum();
        System.out.printf("-- P6: %,d of %,d changes delivered in %.1f s: %,.0f changes/s; requests %,d, bad signatures %,d, "
                        + "out of order %,d, duplicates %,d%n", delivered, changes, seconds, delivered / seconds, stub.requests.sum(),
                stub.badSignatures.sum(), stub.outOfOrder.sum(), stub.duplicates.sum());
        String last = (perSubject % 2 == 0) ? "withdrawn" : "granted";
        long wrong = stub.lastState.values().stream().filter(state -> !state.equals(last)).count();
        System.out.printf("-- P6: subjects whose last state at the stub is not '%s': %,d of %,d%n", last, wrong, stub.lastState.size());
    }

    // ------------------------------------------------------------------ P7

    private static void latency(Api api, Stub stub, int withdrawals, int rate) throws Exception {
        // Subjects with a grant, delivered before the clock starts.
        int offset = 5_000_000;
        long target = stub.unique.sum() + withdrawals;
        for (int from = 0; from < withdrawals; from += 1000) {
            JsonArrayBuilder events = Json.createArrayBuilder();
            for (int s = from; s < Math.min(withdrawals, from + 1000); s++) {
                events.add(event(phone(offset + s), "grant"));
            }
            api.call("POST", "/api/v1/consents:batch", Json.createObjectBuilder().add("events", events).build().toString(), 200);
        }
        long grantsDue = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (stub.unique.sum() < target) {
            if (System.nanoTime() > grantsDue) {
                throw new IllegalStateException("P7: the grants before the withdrawals did not all arrive within 2 minutes: "
                        + (withdrawals - (target - stub.unique.sum())) + " of " + withdrawals);
            }
            Thread.sleep(20);
        }
        stub.withdrawnAt.clear();
        String[] subjectIds = new String[withdrawals];
        long[] sent = new long[withdrawals];
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < withdrawals; i++) {
            long now = System.nanoTime();
            if (next > now) {
                Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
            }
            next += interval;
            subjectIds[i] = Json.createReader(new StringReader(api.call("POST", "/api/v1/consents",
                    event(phone(offset + i), "withdraw").toString(), 201))).readObject().getString("subjectId");
            sent[i] = api.lastSentNanos;
        }
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Arrays.stream(subjectIds).anyMatch(id -> !stub.withdrawnAt.containsKey(id)) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        long[] latencies = new long[withdrawals];
        for (int i = 0; i < withdrawals; i++) {
            Long arrived = stub.withdrawnAt.get(subjectIds[i]);
            latencies[i] = arrived == null ? Long.MAX_VALUE : arrived - sent[i];
        }
        Arrays.sort(latencies);
        System.out.printf("-- P7: %,d withdrawals at %d/s, request sent -> received by the stub: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms%n", withdrawals, rate, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static String phone(int n) {
        return Long.toString(17_000_000_000L + n);
    }

    static JsonObject event(String phone, String action) {
        var event = Json.createObjectBuilder()
                .add("subject", Json.createObjectBuilder().add("identifiers", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "phone").add("value", phone))))
                .add("purpose", PURPOSE).add("action", action).add("channel", "app").add("method", "checkbox");
        if (action.equals("grant")) {
            event.add("notice", Json.createObjectBuilder().add("code", "bench-policy").add("version", "1"));
        }
        return event.build();
    }

    /** The OpenCPM API, as an admin. */
    static final class Api {
        private final String base;
        private final String key;
        volatile long lastSentNanos;

        Api(String base, String key) {
            this.base = base;
            this.key = key;
        }

        String call(String method, String path, String json, int expected) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
            lastSentNanos = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }

    // ------------------------------------------------------------------ the stub

    /** A CRM's webhook endpoint: checks signatures, keeps the newest version per subject, counts. */
    static final class Stub implements AutoCloseable {
        final LongAdder requests = new LongAdder();
        final LongAdder unique = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder badSignatures = new LongAdder();
        final Map<String, String> lastState = new ConcurrentHashMap<>();
        /** When each subject's latest withdrawal arrived (System.nanoTime()). */
        final Map<String, Long> withdrawnAt = new ConcurrentHashMap<>();
        private final Map<String, Long> newest = new ConcurrentHashMap<>();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private final HttpServer server;
        private final String secret;

        Stub(int port, String secret) throws IOException {
            this.secret = secret;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            long arrived = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.increment();
            String timestamp = exchange.getRequestHeaders().getFirst("X-OpenCPM-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-OpenCPM-Signature");
            if (timestamp == null || signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                    ("sha256=" + sign(timestamp, body)).getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.increment();
                answer(exchange, 401);
                return;
            }
            JsonStructure json = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).read();
            JsonArray events = json instanceof JsonArray array ? array : Json.createArrayBuilder().add(json).build();
            for (JsonValue value : events) {
                JsonObject data = value.asJsonObject().getJsonObject("data");
                String subject = data.getString("subjectId");
                long version = data.getJsonNumber("version").longValue();
                if (seen.putIfAbsent(subject + "#" + version, Boolean.TRUE) != null) {
                    duplicates.increment();
                    continue;
                }
                unique.increment();
                synchronized (this) {
                    Long before = newest.get(subject);
                    if (before != null && before > version) {
                        outOfOrder.increment();
                    } else {
                        newest.put(subject, version);
                        lastState.put(subject, data.getString("state", ""));
                    }
                }
                if ("withdrawn".equals(data.getString("state", ""))) {
                    withdrawnAt.put(subject, arrived);
                }
            }
            answer(exchange, 200);
        }

        private String sign(String timestamp, byte[] body) {
            return signature(secret, timestamp, body);
        }

        private static void answer(HttpExchange exchange, int status) throws IOException {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A signed sample event for wrk's script (the baseline: the stub's own capacity). */
    private static void writeSample(Path dir, String secret) throws IOException {
        Files.createDirectories(dir);
        String body = Json.createObjectBuilder().add("specversion", "1.0").add("id", "sample").add("source", "urn:opencpm")
                .add("type", "org.opencpm.consent.changed").add("subject", "sub_sample")
                .add("data", Json.createObjectBuilder().add("subjectId", "sub_sample").add("purpose", PURPOSE).add("state", "granted")
                        .add("version", 1).add("occurredAt", "2026-11-29T00:00:00Z")
                        .add("identifiers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "phone")
                                .add("value", "+8617000000000"))))
                .build().toString();
        String timestamp = "1800000000";
        Files.writeString(dir.resolve("body.json"), body);
        Files.writeString(dir.resolve("timestamp"), timestamp);
        Files.writeString(dir.resolve("signature"), "sha256=" + signature(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The crm-webhook signature: hex HMAC-SHA-256 over {@code <timestamp>.<raw body>}. */
    static String signature(String secret, String timestamp, byte[] body) {
        return Hmac.sha256Hex(secret, timestamp + "." + new String(body, StandardCharsets.UTF_8));
    }
}
