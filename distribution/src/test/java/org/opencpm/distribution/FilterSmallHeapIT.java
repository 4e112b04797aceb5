package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of issue 13: a 10-million-line {@code decisions:filter} request runs in a small
 * fixed heap. The real distribution starts with {@code -Xmx64m} (and {@code ExitOnOutOfMemoryError},
 * so that running out of heap ends the process rather than limping on); 1,000 people grant
 * consent; then 10,000,000 lines — each of those 1,000 phones and 1,000 unknown ones in turn,
 * generated as they are sent, never held — go up in one chunked request while the answer is read
 * and counted as it comes. Exactly the 5,000,000 lines of the consenting phones come back, and
 * the server is still up and ready afterwards with no {@code OutOfMemoryError} in its log: the
 * request (~190 MB) and its answer (~95 MB) passed through a heap a third of their size.
 */
class FilterSmallHeapIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0013";
    private static final long LINES = 10_000_000;
    private static final int PEOPLE = 1_000;
    private static final long FIRST_PHONE = 13_900_000_000L;

    @Test
    void ten_million_lines_filter_in_a_64_mb_heap(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_JAVA_OPTS", "-Xmx64m -XX:+ExitOnOutOfMemoryError").start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            seed(server);

            long started = System.nanoTime();
            Answer answer;
            try {
                answer = filter(server.port);
            } catch (IOException broken) {
                throw new AssertionError("the answer broke off; the server process " + (server.process().isAlive() ? "still runs" : "ended")
                        + (server.logText().contains("OutOfMemoryError") ? ", out of heap" : "") + "; log: " + server.log, broken);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            assertThat(answer.status()).as(answer.head()).startsWith("HTTP/1.1 200");
            assertThat(answer.lines()).as("allowed lines in the answer (%d s)", seconds).isEqualTo(LINES / 2);
            assertThat(answer.lastLine()).startsWith("phone:" + (FIRST_PHONE + PEOPLE - 1));
            assertThat(server.process().isAlive()).as("the server is still running; log: " + server.log).isTrue();
            assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(server.logText()).doesNotContain("OutOfMemoryError").contains("decisions:filter marketing-sms: " + LINES + " lines: "
                    + LINES / 2 + " allowed, " + LINES / 2 + " not allowed, 0 not identifiers, 0 blank");
            long maxHeap = maxHeap(server);
            assertThat(maxHeap).as("the heap the server ran in").isPositive().isLessThanOrEqualTo(64L * 1024 * 1024);
            System.out.printf("FilterSmallHeapIT: %,d lines in %d s (%,d lines/s) with a %,d-byte heap%n", LINES, seconds,
                    LINES / Math.max(1, seconds), maxHeap);
        }
    }

    /** {@value #PEOPLE} people grant marketing-sms, through consents:batch. */
    private static void seed(RunningServer server) {
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < PEOPLE; i++) {
            events.append(i == 0 ? "" : ",").append("""
                    {"subject":{"identifiers":[{"type":"phone","value":"%d"}]},"purpose":"marketing-sms","action":"grant",\
                    "notice":{"code":"privacy-policy","version":"2026-01"},"channel":"miniprogram","method":"checkbox"}"""
                    .formatted(FIRST_PHONE + i));
        }
        HttpResponse<String> batch = server.post("/api/v1/consents:batch", ADMIN, events.append("]}").toString());
        assertThat(batch.statusCode()).as(batch.body()).isIn(200, 207);
        assertThat(batch.body()).doesNotContain("\"error\"");
    }

    record Answer(String head, String status, long lines, String lastLine) {
    }

    /**
     * Sends the lines on one thread while this one reads the answer: an HTTP/1.1 client that
     * sends its whole body before reading would stall the server once the socket buffers fill.
     */
    private static Answer filter(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(socket));
            Answer answer = read(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            sent.get(60, TimeUnit.SECONDS);
            return answer;
        }
    }

    private static void send(Socket socket) {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            out.write(("POST /api/v1/decisions:filter?purpose=marketing-sms&channel=sms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            int length = 0;
            for (long i = 0; i < LINES; i++) {
                long phone = FIRST_PHONE + i % (2L * PEOPLE); // the first PEOPLE of each 2 * PEOPLE consented
                byte[] line = ("phone:" + phone + "\n").getBytes(StandardCharsets.US_ASCII);
                if (length + line.length > chunk.length) {
                    writeChunk(out, chunk, length);
                    length = 0;
                }
                System.arraycopy(line, 0, chunk, length, line.length);
                length += line.length;
            }
            writeChunk(out, chunk, length);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeChunk(OutputStream out, byte[] chunk, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the status and headers, then the chunked body, counting its lines without keeping them. */
    private static Answer read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            head.append(line).append('\n');
        }
        String status = head.toString().lines().findFirst().orElse("");
        if (!head.toString().toLowerCase().contains("transfer-encoding: chunked")) {
            return new Answer(head.toString(), status, -1, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        long lines = 0;
        StringBuilder current = new StringBuilder();
        String last = "";
        for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
            for (int i = 0; i < size; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the answer ended inside a chunk, after " + lines + " lines");
                }
                if (b == '\n') {
                    lines++;
                    last = current.toString();
                    current.setLength(0);
                } else if (current.length() < 200) {
                    current.append((char) b);
                }
            }
            line(in); // the CRLF after the chunk
        }
        return new Answer(head.toString(), status, lines, last);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended; read so far: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The server's maximum heap as its metrics report it. */
    private static long maxHeap(RunningServer server) {
        HttpResponse<String> metrics = server.get("/metrics", ADMIN, "text/plain");
        Matcher max = Pattern.compile("(?m)^(?:base_)?memory_maxHeap_bytes(?:\\{[^}]*})? ([0-9.eE+]+)").matcher(metrics.body());
        assertThat(max.find()).as("memory_maxHeap_bytes in /metrics").isTrue();
        return (long) Double.parseDouble(max.group(1));
    }
}
