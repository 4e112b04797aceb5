package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client without a key cannot fill the disk through the log: 2,500 uploads broken off half-way
 * and a few hundred malformed requests add a few lines, not megabytes of stack traces; and the log
 * files rotate by size, never more than the configured count.
 */
class LogFloodIT {

    private static final String ADMIN_KEY = "log-flood-admin-key-0123456789";
    private static final int ROTATE_AT = 4_000;
    private static final int FILES = 3;

    @Test
    void aborted_and_malformed_requests_leave_a_bounded_log_that_rotates(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        Path logging = unpacked.home.resolve("conf/logging.properties");
        Files.writeString(logging, Files.readString(logging)
                .replace("java.util.logging.FileHandler.limit=10485760", "java.util.logging.FileHandler.limit=" + ROTATE_AT)
                .replace("java.util.logging.FileHandler.count=10", "java.util.logging.FileHandler.count=" + FILES));
        try (RunningServer server = unpacked.start()) {
            long before = Files.size(server.log);

            // uploads broken off after the headers and a few body bytes, reset by the client
            parallel(2_500, () -> {
                try (Socket socket = connect(server.port)) {
                    socket.getOutputStream().write(("POST /hooks/x/y HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
                    socket.setSoLinger(true, 0);
                }
                return null;
            });
            // malformed requests, each answered
            parallel(250, () -> rawExchange(server.port, "NOT-HTTP AT ALL\r\n\r\n"));
            parallel(250, () -> rawExchange(server.port, "GET /api/v1/purposes HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"));
            for (int i = 0; i < 100; i++) {
                assertThat(server.postRaw("/api/v1/consents", "{\"subject\": {", Map.of("Authorization", "Bearer " + ADMIN_KEY))
                        .statusCode()).isBetween(400, 499);
            }
            assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);

            String added = Files.readString(server.log).substring((int) before);
            assertThat(added.length()).as("log growth in bytes (2,500 aborted uploads wrote 25 MB before)").isLessThan(10_000);
            assertThat(added).as("no stack traces").doesNotContain("\tat ");

            // size-based rotation: several files, none far past the limit, never more than the count
            List<Path> files;
            try (Stream<Path> listed = Files.list(server.home.resolve("logs"))) {
                files = listed.filter(p -> p.getFileName().toString().matches("opencpm\\.\\d+\\.log")).toList();
            }
            assertThat(files).hasSizeBetween(2, FILES);
            for (Path file : files) {
                assertThat(Files.size(file)).as(file.toString()).isLessThan(ROTATE_AT + 1_000);
            }
        }
    }

    private static Object rawExchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            String status = new String(head, StandardCharsets.US_ASCII);
            assertThat(status).as("answer to a malformed request").startsWith("HTTP/1.1 4");
        }
        return null;
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private static void parallel(int times, java.util.concurrent.Callable<Object> task) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> done = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                done.add(threads.submit(task));
            }
            for (Future<Object> future : done) {
                future.get();
            }
        }
    }
}
