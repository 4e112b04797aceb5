package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the real server frames requests on a raw socket: a body whose end is in doubt is refused and
 * the connection closed, so that what follows it is never read as a request (request smuggling);
 * what Helidon refuses before routing is answered as problem+json with OpenCPM's safe headers; and
 * a query may hold a raw {@code :} as RFC 3986 allows.
 */
class RequestFramingIT {

    private static final String KEY = "request-framing-admin-key-0000000001";

    @TempDir
    static Path work;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", KEY).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static final String PURPOSE = Json.of("{'name': {'en': 'Smuggled'}, 'category': 'marketing', 'legalBasis': 'consent', "
            + "'dataElements': ['phone']}");

    @Test
    void a_body_whose_end_is_in_doubt_is_refused_and_what_follows_is_never_read_as_a_request() throws IOException {
        String smuggled = "PUT /api/v1/purposes/smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + PURPOSE.length() + "\r\n\r\n" + PURPOSE;
        String endOfChunks = "0\r\n\r\n";
        // each framing, and the body that makes Helidon 4.1.6 read the smuggled request as the next one
        String[][] framings = {
                {"Transfer-Encoding: Chunked", smuggled},
                {"Transfer-Encoding: identity", smuggled},
                {"Transfer-Encoding: gzip, chunked", smuggled},
                {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", endOfChunks + smuggled},
                {"Transfer-Encoding: chunked\r\nContent-Length: " + (endOfChunks + smuggled).length(), endOfChunks + smuggled},
                {"Content-Length: -1", endOfChunks + smuggled}};
        String[] targets = {"POST /api/v1/decisions", "POST /hooks/crm-webhook/events", "GET /metrics", "GET /health/live", "POST /nowhere"};
        for (String[] framing : framings) {
            for (String target : targets) {
                String what = target + " with " + framing[0].replace("\r\n", " + ");
                Exchange answer = exchange(target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                        + "\r\nContent-Type: application/json\r\n" + framing[0] + "\r\n\r\n" + framing[1]);
                assertThat(answer.responses()).as(what + ": " + answer).isEqualTo(1);
                assertThat(answer.status()).as(what).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(what).isEqualTo("application/problem+json");
                assertThat(answer.closedByServer()).as(what + ": the connection is closed").isTrue();
            }
        }
        assertThat(server.get("/api/v1/purposes/smuggled", KEY).statusCode()).as("the smuggled PUT never ran").isEqualTo(404);

        Exchange chunked = exchange("PUT /api/v1/purposes/chunked-purpose HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(PURPOSE.length()) + "\r\n" + PURPOSE + "\r\n" + endOfChunks);
        assertThat(chunked.status()).as("a body framed by 'Transfer-Encoding: chunked' alone: " + chunked).isIn(200, 201);
    }

    @Test
    void a_raw_colon_in_a_query_is_accepted_where_the_endpoint_takes_the_parameter() {
        var events = server.get("/api/v1/audit/events?from=2026-01-01T00:00:00Z&to=9999-01-01T00:00:00Z", KEY);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(server.get("/health/ready?at=12:00", null).statusCode()).isEqualTo(200);
    }

    @Test
    void what_helidon_refuses_before_routing_is_a_problem_with_the_safe_headers() throws IOException {
        String host = "Host: 127.0.0.1\r\nAuthorization: Bearer " + KEY + "\r\n";
        String[][] cases = {
                {"a '{' in the query", "GET /api/v1/purposes?x={} HTTP/1.1\r\n" + host + "\r\n", "400"},
                {"a broken escape in the query of /health", "GET /health?x=%zz HTTP/1.1\r\n" + host + "\r\n", "400"},
                {"a fragment", "GET /api/v1/purposes#top HTTP/1.1\r\n" + host + "\r\n", "400"},
                {"a header line without a colon", "GET /api/v1/purposes HTTP/1.1\r\n" + host + "Bad Header\r\n\r\n", "400"},
                {"a Content-Length that is not a number", "POST /api/v1/decisions HTTP/1.1\r\n" + host
                        + "Content-Length: abc\r\n\r\n{}", "400"},
                {"a request line over the limit", "GET /api/v1/purposes?" + "q".repeat(9_000) + " HTTP/1.1\r\n" + host + "\r\n", "414"},
                {"headers over the limit", "GET /api/v1/purposes HTTP/1.1\r\n" + host + "X-Big: " + "h".repeat(20_000) + "\r\n\r\n", "400 431"},
        };
        for (String[] hostile : cases) {
            Exchange answer = exchange(hostile[1]);
            assertThat(String.valueOf(answer.status())).as(hostile[0] + ": " + answer).isIn((Object[]) hostile[2].split(" "));
            assertThat(answer.closedByServer()).as(hostile[0]).isTrue();
            assertThat(answer.header("Content-Type")).as(hostile[0]).isEqualTo("application/problem+json");
            assertThat(answer.header("X-Content-Type-Options")).as(hostile[0]).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).as(hostile[0]).isEqualTo("no-store");
            JsonObject problem = Json.parse(answer.body());
            assertThat(problem.getInt("status")).as(hostile[0]).isEqualTo(answer.status());
            assertThat(problem.getString("type")).startsWith("https://opencpm.org/problems/");
        }
    }

    /** What came back on one connection: every byte until the server closed it (or 10 s passed). */
    record Exchange(String text, boolean closedByServer) {
        int status() {
            return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        String header(String name) {
            Matcher value = Pattern.compile("(?im)^" + Pattern.quote(name) + ": *([^\r\n]*)").matcher(head());
            return value.find() ? value.group(1) : null;
        }

        String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end + 2);
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        /** How many responses arrived: status lines at the start of the answer or right after a previous one's body. */
        int responses() {
            return (int) Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(text).results().count();
        }

        @Override
        public String toString() {
            return (closedByServer ? "(closed) " : "(left open) ") + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    /** Writes the request without closing our side, and reads until the server closes the connection or 10 s pass. */
    static Exchange exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before all of a long request is written; read what it said
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                for (int n; ; ) {
                    n = in.read(buffer);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (java.net.SocketException reset) {
                closed = true;
            }
            return new Exchange(answer.toString(StandardCharsets.UTF_8), closed);
        }
    }
}
