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

/**
 * P10's load: {@code events} consent events over {@code subjects} subjects (grant, withdraw,
 * grant… per subject) through {@code consents:batch}, {@code batch} events a request, by {@code writers}
 * clients at once; round r gives every subject its r-th event, so each subject's events stay in
 * order. How many bytes they leave in the database is measured by {@code benchmarks/run-storage.sh}.
 *
 * <p>{@code java StorageBench <base URL> <admin key> <events> <subjects> <writers> <batch>}
 */
public final class StorageBench {

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        SyncBench.Api api = new SyncBench.Api(args[0], args[1]);
        int events = Integer.parseInt(args[2]);
        int subjects = Integer.parseInt(args[3]);
        int writers = Integer.parseInt(args[4]);
        int batchSize = Integer.parseInt(args[5]);
        if (events % subjects != 0) {
            throw new IllegalArgumentException("events must be a multiple of subjects");
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < events / subjects; round++) {
                String action = round % 2 == 0 ? "grant" : "withdraw";
                List<Future<?>> requests = new ArrayList<>();
                for (int from = 0; from < subjects; from += batchSize) {
                    int first = from;
                    requests.add(pool.submit(() -> {
                        JsonArrayBuilder batch = Json.createArrayBuilder();
                        for (int s = first; s < Math.min(subjects, first + batchSize); s++) {
                            batch.add(SyncBench.event(SyncBench.phone(s), action));
                        }
                        JsonObject answer = Json.createReader(new StringReader(api.call("POST", "/api/v1/consents:batch",
                                Json.createObjectBuilder().add("events", batch).build().toString(), 200))).readObject();
                        if (answer.getInt("refused") != 0) {
                            throw new IllegalStateException("refused events: " + answer);
                        }
                        return null;
                    }));
                }
                for (Future<?> request : requests) {
                    request.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("-- wrote %,d consent events over %,d subjects in %.1f s (%,.0f/s), %d writers%n", events, subjects, seconds,
                events / seconds, writers);
    }
}
