package org.opencpm.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P11: a bulk import through {@code POST /api/v1/consents:batch}. {@code events} grants, each for a
 * person not seen before (a phone of its own; with {@code evidence}, also the ip and user agent a
 * collection point records, which OpenCPM seals under a key of the person's own that it makes for
 * them), {@code batch} events a request, posted
 * by {@code connections} clients at once; every answer must record every event. Prints the
 * events per second from the first request sent to the last answer received.
 *
 * <pre>java -cp … org.opencpm.benchmarks.ImportBench BASE KEY [events=1000000] [batch=1000] [connections=2] [evidence=false]</pre>
 */
public final class ImportBench {

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        SyncBench.Api api = new SyncBench.Api(args[0], args[1]);
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        boolean evidence = args.length > 5 && Boolean.parseBoolean(args[5]);
        int requests = (events + batchSize - 1) / batchSize;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                clients.add(pool.submit(() -> {
                    for (int request = next.getAndIncrement(); request < requests; request = next.getAndIncrement()) {
                        JsonArrayBuilder batch = Json.createArrayBuilder();
                        for (int e = request * batchSize; e < Math.min(events, (request + 1) * batchSize); e++) {
                            batch.add(grant(SyncBench.phone(e), evidence));
                        }
                        JsonObject answer = Json.createReader(new StringReader(api.call("POST", "/api/v1/consents:batch",
                                Json.createObjectBuilder().add("events", batch).build().toString(), 200))).readObject();
                        if (answer.getInt("refused") != 0) {
                            throw new IllegalStateException("refused events: " + answer.getInt("refused"));
                        }
                        recorded.addAndGet(answer.getInt("recorded"));
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("-- imported %,d consent events (%,d recorded), %d a request, %d connections, evidence %s, in %.1f s: %,.0f events/s%n",
                events, recorded.get(), batchSize, connections, evidence, seconds, events / seconds);
        if (recorded.get() != events) {
            System.exit(1);
        }
    }

    private static JsonObject grant(String phone, boolean evidence) {
        JsonObject event = SyncBench.event(phone, "grant");
        if (!evidence) {
            return event;
        }
        return Json.createObjectBuilder(event).add("evidence", Json.createObjectBuilder()
                .add("ip", "203.0.113.9").add("userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)")).build();
    }
}
