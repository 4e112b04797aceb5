package org.opencpm.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * P5: durable grants over HTTP. {@code clients} threads each post grants for fresh phone numbers
 * as fast as the server answers, for a warm-up and then a measured period; every 201 is a grant
 * that is committed and in the audit chain. Afterwards the audit chain is verified and its growth
 * compared with the number of 201s.
 *
 * <pre>java -cp … org.opencpm.benchmarks.GrantLoad http://127.0.0.1:8080 ADMIN_KEY [clients=32] [seconds=20] [warmup=5]</pre>
 */
public final class GrantLoad {

    private GrantLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GrantLoad <base-url> <admin-key> [clients=32] [seconds=20] [warmup-seconds=5]");
            System.exit(2);
        }
        String base = args[0];
        String key = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        catalogue(http, base, key);
        long eventsBefore = verify(http, base, key).getJsonNumber("events").longValue();

        AtomicLong phones = new AtomicLong(15_000_000_000L + (System.currentTimeMillis() % 1_000_000) * 1000);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder total201 = new LongAdder();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[1 << 20];
            Thread.ofPlatform().name("grant-client-" + c).start(() -> {
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        HttpResponse<String> reply = post(http, base + "/api/v1/consents", key, grant(phones.incrementAndGet()));
                        long took = System.nanoTime() - sent;
                        if (reply.statusCode() == 201) {
                            total201.increment();
                            if (sent >= measureFrom) {
                                ok.increment();
                                if (counts[client] < latencies[client].length) {
                                    latencies[client][counts[client]++] = took;
                                }
                            }
                        } else if (sent >= measureFrom) {
                            failed.increment();
                        }
                    }
                } catch (Exception e) {
                    failed.increment();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        List<Long> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < counts[c]; i++) {
                all.add(latencies[c][i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        JsonObject verified = verify(http, base, key);
        long chainGrowth = verified.getJsonNumber("events").longValue() - eventsBefore;

        System.out.printf("clients=%d measured=%ds grants_201=%d errors=%d throughput=%.0f grants/s p50=%.2fms p99=%.2fms max=%.2fms%n",
                clients, seconds, ok.sum(), failed.sum(), ok.sum() / (double) seconds, ms(sorted, 0.50), ms(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf("audit chain valid=%s, grew by %d events for %d grants answered 201%n",
                verified.getBoolean("valid"), chainGrowth, total201.sum());
        if (!verified.getBoolean("valid") || chainGrowth != total201.sum()) {
            System.exit(1);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static String grant(long phone) {
        return ("{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"%d\"}]},\"purpose\":\"bench-marketing\","
                + "\"action\":\"grant\",\"notice\":{\"code\":\"bench-policy\",\"version\":\"1\"},\"channel\":\"app\",\"method\":\"checkbox\"}")
                .formatted(phone);
    }

    private static void catalogue(HttpClient http, String base, String key) throws Exception {
        send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/purposes/bench-marketing"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":{\"en\":\"Benchmark marketing\"},\"category\":\"marketing\","
                        + "\"legalBasis\":\"consent\",\"dataElements\":[\"phone\"]}")).build(), 200, 201);
        send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/notices"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"bench-policy\",\"version\":\"1\",\"language\":\"en\","
                        + "\"title\":\"Benchmark\",\"content\":\"Benchmark notice\",\"purposes\":[\"bench-marketing\"]}")).build(), 200, 201);
    }

    private static JsonObject verify(HttpClient http, String base, String key) throws Exception {
        HttpResponse<String> reply = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + key).GET().build(), 200);
        return Json.createReader(new StringReader(reply.body())).readObject();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, int... expected) throws Exception {
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (Arrays.stream(expected).noneMatch(status -> status == reply.statusCode())) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply;
    }
}
