package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken HTTP, written byte by byte to the real distribution's socket, where no client
 * library can tidy it up first: malformed percent-escapes and {@code ;} in paths, invalid
 * {@code Content-Type} headers and foreign charsets, absurd or conflicting {@code Content-Length},
 * broken chunked bodies, odd methods, control characters in headers, GBK bodies, deep JSON, and a
 * seeded random pass of garbage request lines. Whatever the server (Helidon, Jersey or OpenCPM)
 * answers, it is never a 5xx or a stack trace, a refused request writes nothing, and the server
 * still serves afterwards.
 */
class HostileRequestsIT {

    private static final long SEED = 0x0_8_06L;
    private static final int RANDOM_CASES = 300;
    private static final String KEY = "hostile-requests-admin-key-000001";

    /** One raw request and the statuses it may be answered with ({@code null}: anything below 500). */
    record Hostile(String what, byte[] request, int... expected) {
        static Hostile of(String what, String head, byte[] body, int... expected) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return new Hostile(what, out.toByteArray(), expected);
        }
    }

    @Test
    void hostile_requests_never_get_a_5xx_and_refused_ones_write_nothing(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", KEY).start()) {
            assertThat(server.put("/api/v1/purposes/marketing-sms", KEY, Json.of("""
                    { 'name': {'zh': '营销短信'}, 'category': 'marketing', 'legalBasis': 'consent', 'dataElements': ['phone'] }"""))
                    .statusCode()).isIn(200, 201);
            String before = footprint(server);

            List<Hostile> cases = new ArrayList<>(namedCases(server.port));
            Random random = new Random(SEED);
            for (int i = 0; i < RANDOM_CASES; i++) {
                cases.add(randomCase(random, i));
            }
            for (Hostile hostile : cases) {
                Answer answer = send(server.port, hostile.request());
                String where = "seed " + SEED + ", " + hostile.what() + " → " + answer;
                // A record of every answer in the test output (0: the server closed the connection without one).
                System.out.println(hostile.what().lines().findFirst().orElse("") + " → " + Math.max(answer.status(), 0));
                if (answer.status() > 0) {
                    assertThat(answer.status()).as(where).isLessThan(500);
                    if (hostile.expected().length > 0) {
                        assertThat(answer.status()).as(where).isIn(box(hostile.expected()));
                    }
                }
                assertThat(answer.text()).as(where).doesNotContain("Exception", "\tat ", "at org.", "at java.");
            }

            assertThat(footprint(server)).as("nothing written by the refused requests").isEqualTo(before);
            assertThat(server.get("/api/v1/purposes/a", KEY).statusCode()).as("PUT /api/v1/purposes/a;b defined no purpose a")
                    .isEqualTo(404);
            assertThat(server.get("/health/ready", null).statusCode()).as("still serving").isEqualTo(200);
            assertThat(server.logText()).as("no request ended in an unexpected error").doesNotContain("request failed, error id");
        }
    }

    /** What the server holds that a request could change: the audit chain, purposes, notices, keys. */
    private static String footprint(RunningServer server) {
        return server.get("/api/v1/audit/verify", KEY).body() + server.get("/api/v1/purposes", KEY).body();
    }

    private static List<Hostile> namedCases(int port) {
        String host = "Host: 127.0.0.1:" + port + "\nAuthorization: Bearer " + KEY + "\nConnection: close\n";
        String purpose = Json.of("{ 'name': {'zh': '甲'}, 'category': 'marketing', 'legalBasis': 'consent' }");
        byte[] purposeBody = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] gbkGrant = ("{\"subject\": {\"identifiers\": [{\"type\": \"crm_id\", \"value\": \"张三\"}]}, \"purpose\": \"marketing-sms\", "
                + "\"action\": \"grant\", \"channel\": \"web\", \"method\": \"checkbox\"}").getBytes(Charset.forName("GBK"));
        String deep = "{\"subject\": " + "[".repeat(300_000) + "]".repeat(300_000) + "}";
        List<Hostile> cases = new ArrayList<>();
        cases.add(Hostile.of("PUT a;b", "PUT /api/v1/purposes/a;b HTTP/1.1\n" + host + json(purposeBody.length), purposeBody, 400));
        cases.add(Hostile.of("PUT a%3Bb", "PUT /api/v1/purposes/a%3Bb HTTP/1.1\n" + host + json(purposeBody.length), purposeBody, 400));
        for (String path : new String[] {"/api/v1/purposes/%zz", "/api/v1/purposes/%", "/api/v1/purposes/%E5", "/api/v1/purposes/%C0%AF",
                "/api/v1/subjects/%00/consents", "/api/v1/subjects/a%0D%0AX-Injected:%201/history", "/api/v1/notices/%FF/versions/1",
                "/api/v1/connectors/%ED%A0%80/deliveries", "/api/v1/purposes/..%2F..%2Fetc%2Fpasswd", "/api/v1/../../etc/passwd",
                "/hooks/%zz/events", "/hooks/crm-webhook/%00", "/api/v1/audit/events?from=%zz", "/api/v1/audit/events?from=%2B999999999-12-31T23%3A59%3A59Z",
                "/api/v1/audit/events?from=2026-11-01T00:00:00%2B08:00", "/api/v1/connectors/x/deliveries?limit=99999999999999999999",
                "/api/v1/purposes/" + "x".repeat(10_000), "/api/v1/purposes?" + "q=1&".repeat(5_000)}) {
            cases.add(Hostile.of("GET " + abbreviate(path), "GET " + path + " HTTP/1.1\n" + host + "\n", null));
        }
        for (String type : new String[] {";;;", "/", "application/json; charset=\"", "application/json; charset", "application/json;;",
                "\u00ff\u00fe", "application/json; charset=GBK", "application/json; charset=utf-16", "text/plain; charset=gbk", ""}) {
            int expected = type.contains("charset=") && !type.endsWith("\"") ? 415 : 400;
            cases.add(Hostile.of("Content-Type " + type, "POST /api/v1/decisions HTTP/1.1\n" + host + "Content-Type: " + type
                    + "\nContent-Length: 2\n\n", "{}".getBytes(StandardCharsets.UTF_8), expected));
        }
        cases.add(Hostile.of("GBK body", "POST /api/v1/consents HTTP/1.1\n" + host + json(gbkGrant.length), gbkGrant, 400));
        cases.add(Hostile.of("GBK declared", "POST /api/v1/consents HTTP/1.1\n" + host + "Content-Type: application/json; charset=GBK\n"
                + "Content-Length: " + gbkGrant.length + "\n\n", gbkGrant, 415));
        cases.add(Hostile.of("deep JSON", "POST /api/v1/decisions HTTP/1.1\n" + host + json(deep.length()),
                deep.getBytes(StandardCharsets.UTF_8), 400));
        for (String length : new String[] {"99999999999999999999", "-1", "abc", "1e3", "2, 2", " ", "9223372036854775807"}) {
            cases.add(Hostile.of("Content-Length " + length, "POST /api/v1/decisions HTTP/1.1\n" + host
                    + "Content-Type: application/json\nContent-Length: " + length + "\n\n", "{}".getBytes(StandardCharsets.UTF_8), 400, 413));
        }
        cases.add(Hostile.of("two Content-Lengths", "POST /api/v1/decisions HTTP/1.1\n" + host
                + "Content-Type: application/json\nContent-Length: 2\nContent-Length: 40\n\n", "{}".getBytes(StandardCharsets.UTF_8), 400));
        cases.add(Hostile.of("Content-Length and chunked", "POST /api/v1/decisions HTTP/1.1\n" + host
                + "Content-Type: application/json\nContent-Length: 2\nTransfer-Encoding: chunked\n\n", "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8), 400));
        cases.add(Hostile.of("broken chunks", "POST /api/v1/decisions HTTP/1.1\n" + host
                + "Content-Type: application/json\nTransfer-Encoding: chunked\n\n", "zz\r\n{}\r\nfffffffffffffffffff\r\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(Hostile.of("body shorter than declared", "POST /api/v1/consents HTTP/1.1\n" + host
                + "Content-Type: application/json\nContent-Length: 5000\n\n", "{\"subject\":".getBytes(StandardCharsets.UTF_8)));
        cases.add(Hostile.of("hook body shorter than declared", "POST /hooks/crm-webhook/events HTTP/1.1\n" + host
                + "Content-Type: application/json\nContent-Length: 5000\n\n", "{\"id\":".getBytes(StandardCharsets.UTF_8)));
        for (String method : new String[] {"CONNECT", "TRACE", "PROPFIND", "FOO", "get", "PATCH", "OPTIONS", "DELETE"}) {
            cases.add(Hostile.of(method, method + " /api/v1/purposes HTTP/1.1\n" + host + "\n", null));
        }
        cases.add(Hostile.of("CONNECT authority", "CONNECT 127.0.0.1:22 HTTP/1.1\n" + host + "\n", null));
        cases.add(Hostile.of("control character in a header", "GET /api/v1/purposes HTTP/1.1\n" + host + "X-Evil: a\u0000b\u001bc\n\n", null));
        cases.add(Hostile.of("huge header", "GET /api/v1/purposes HTTP/1.1\n" + host + "X-Big: " + "h".repeat(64_000) + "\n\n", null));
        cases.add(Hostile.of("no Host", "GET /api/v1/purposes HTTP/1.1\nAuthorization: Bearer " + KEY + "\nConnection: close\n\n", null));
        cases.add(Hostile.of("HTTP/9.9", "GET /api/v1/purposes HTTP/9.9\n" + host + "\n", null));
        cases.add(Hostile.of("HTTP/1.0", "GET /api/v1/purposes HTTP/1.0\n" + host + "\n", null));
        cases.add(Hostile.of("Authorization garbage", "GET /api/v1/purposes HTTP/1.1\nHost: x\nAuthorization: Bearer \u00ff\u0001\nConnection: close\n\n",
                null, 400, 401));
        cases.add(Hostile.of("Accept garbage", "GET /api/v1/purposes HTTP/1.1\n" + host + "Accept: ;;;/;q=x\n\n", null));
        return cases;
    }

    /** A request line and headers of random bytes around a real path, with a random body: garbage, seeded. */
    private static Hostile randomCase(Random random, int n) {
        String[] paths = {"/api/v1/consents", "/api/v1/purposes/marketing-sms", "/api/v1/decisions", "/api/v1/subjects:lookup",
                "/api/v1/notices", "/api/v1/api-keys", "/api/v1/consents:batch", "/hooks/crm-webhook/events", "/api/v1/audit/events"};
        String[] methods = {"GET", "POST", "PUT", "DELETE"};
        String path = paths[random.nextInt(paths.length)];
        StringBuilder noise = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            noise.append(random.nextBoolean() ? (char) (0x21 + random.nextInt(0x5e)) : "%" + Integer.toHexString(0x100 + random.nextInt(256)).substring(1));
        }
        byte[] body = new byte[random.nextInt(600)];
        random.nextBytes(body);
        if (random.nextBoolean() && body.length > 0) {
            body[0] = '{';
        }
        String head = methods[random.nextInt(methods.length)] + " " + path + (random.nextBoolean() ? noise : "?" + noise) + " HTTP/1.1\n"
                + "Host: 127.0.0.1\nAuthorization: Bearer " + KEY + "\nConnection: close\nContent-Type: application/json\n"
                + "Content-Length: " + body.length + "\n\n";
        return Hostile.of("random " + n + ": " + abbreviate(head.lines().findFirst().orElse("")), head, body);
    }

    private static String json(int length) {
        return "Content-Type: application/json\nContent-Length: " + length + "\n\n";
    }

    record Answer(int status, String text) {
        @Override
        public String toString() {
            return status <= 0 ? "(connection closed without an answer)" : abbreviate(text);
        }
    }

    /** Writes the bytes, half-closes, and reads what comes back (until the server closes or 20 s pass). */
    private static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // The server may refuse before the whole request is written (a huge header, say); read its answer.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1_000_000; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException ended) {
                // What arrived is the answer.
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int status = -1;
            if (text.startsWith("HTTP/")) {
                String[] statusLine = text.substring(0, Math.max(text.indexOf('\r'), 0)).split(" ");
                status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            }
            return new Answer(status, text);
        }
    }

    private static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + ")" : text;
    }
}
