package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server shows to whom: the metrics only to an auditor or admin key (unless the operator
 * makes them public; guessing keys there is throttled per address like at the API), safe headers
 * on every response, 405 for methods it does not serve, and
 * HTTPS from a keystore named in {@code conf/opencpm.properties}.
 */
class ExposureIT {

    private static final String ADMIN_KEY = "exposure-admin-key-0123456789abcdef";

    @Test
    void metrics_need_an_auditor_or_admin_key_and_responses_carry_safe_headers(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY)
                .withEnv("OPENCPM_SECURITY_TRUSTED_PROXIES", "127.0.0.1").start()) {
            String integrator = createKey(server, "integrator");
            String auditor = createKey(server, "auditor");

            HttpResponse<String> anonymous = server.get("/metrics", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(server.get("/metrics", "not-a-key-at-all-0123456789").statusCode()).isEqualTo(401);
            assertThat(server.get("/metrics", integrator).statusCode()).isEqualTo(403);
            assertThat(server.get("/metrics", auditor).statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics", ADMIN_KEY).statusCode()).isEqualTo(200);
            assertThat(server.get("/health/ready", null).statusCode()).as("health stays open for probes").isEqualTo(200);
            for (String health : new String[] {"/health", "/health/ready"}) {
                assertThat(server.get(health, null).body()).as(health + ": the disk's state, not its free bytes")
                        .contains("\"dataDisk\":\"ok\"").doesNotContainPattern("(?i)bytes");
            }

            // every route: JAX-RS, health, OpenAPI, metrics, callbacks, and what no route serves
            assertSafeHeaders(server.get("/api/v1/purposes", ADMIN_KEY), 200);
            assertSafeHeaders(server.get("/api/v1/purposes", null), 401);
            assertSafeHeaders(server.get("/api/v1/no-such-thing", ADMIN_KEY), 404);
            assertSafeHeaders(server.delete("/api/v1/purposes", ADMIN_KEY), 405);
            for (String path : new String[] {"/health", "/health/live", "/health/ready", "/openapi"}) {
                assertSafeHeaders(server.get(path, null), 200);
            }
            assertSafeHeaders(server.get("/metrics", ADMIN_KEY), 200);
            assertSafeHeaders(server.get("/metrics", null), 401);
            assertSafeHeaders(server.postRaw("/hooks/no-such-connector/events", "{}", Map.of()), 404);
            assertSafeHeaders(server.get("/no-such-path", null), 404);

            for (String method : new String[] {"CONNECT", "TRACE", "PATCH", "PROPFIND"}) {
                for (String path : new String[] {"/api/v1/purposes", "/health", "/metrics", "/nowhere"}) {
                    String answer = raw(server.port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                    assertThat(answer).as(method + " " + path).startsWith("HTTP/1.1 405")
                            .contains("application/problem+json").contains("Allow: ").contains("\"code\":\"method-not-allowed\"")
                            .contains("X-Content-Type-Options: nosniff").contains("Cache-Control: no-store");
                }
            }
            // a proxy-style CONNECT (authority form) never reaches a route: Helidon refuses it as malformed
            assertThat(raw(server.port, "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")).startsWith("HTTP/1.1 4");

            // guessing keys at /metrics is throttled per client address, as the API's, behind the trusted proxy too
            HttpResponse<String> guessed = null;
            for (int i = 0; i < 25; i++) {
                guessed = server.getFor("203.0.113.60", "/metrics", "opk_metrics-guess-" + i);
            }
            assertThat(guessed.statusCode()).as(guessed.body()).isEqualTo(429);
            assertThat(guessed.headers().firstValue("Retry-After")).isPresent();
            assertThat(guessed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(server.getFor("203.0.113.60", "/api/v1/purposes", ADMIN_KEY).statusCode()).as("the same address at the API")
                    .isEqualTo(429);
            assertThat(server.get("/metrics", auditor).statusCode()).as("another client is not slowed").isEqualTo(200);
        }
    }

    @Test
    void https_from_a_keystore_in_the_operator_configuration(@TempDir Path work) throws Exception {
        Path keystore = work.resolve("server.p12");
        String password = "test-only-" + System.nanoTime();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "opencpm", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password).inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool -genkeypair").isTrue();

        RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        Files.writeString(server.home.resolve("conf/opencpm.properties"), "\nserver.tls.private-key.keystore.resource.path=" + keystore
                + "\nserver.tls.private-key.keystore.passphrase=" + password
                + "\nserver.tls.private-key.keystore.key.alias=opencpm\nserver.tls.private-key.keystore.cert-chain.alias=opencpm"
                + "\nopencpm.metrics.public=true\n", StandardOpenOption.APPEND);
        try (server) {
            server.withTls(trusting(keystore, password)).start();
            // the listener watchdog asks its own port over TLS every 2 s: were it to speak plain HTTP, readiness would go DOWN
            await("ready while the watchdog probes").during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10))
                    .until(() -> server.get("/health/ready", null).statusCode() == 200);
            assertThat(server.get("/api/v1/purposes", ADMIN_KEY).statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics", null).statusCode()).as("metrics made public by the operator").isEqualTo(200);
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("no plain HTTP on the HTTPS port").isInstanceOf(IOException.class);
        }
    }

    private static void assertSafeHeaders(HttpResponse<String> response, int status) {
        String request = response.request().method() + " " + response.uri().getPath();
        assertThat(response.statusCode()).as(request).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(request).hasValue("nosniff");
        assertThat(response.headers().allValues("Cache-Control")).as(request).contains("no-store");
    }

    private static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("opencpm", store.getCertificate("opencpm"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String createKey(RunningServer server, String role) {
        HttpResponse<String> created = server.post("/api/v1/api-keys", ADMIN_KEY, "{\"name\":\"exposure " + role + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject body = Json.parse(created.body());
        return body.getString("key");
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            // the status line and headers, and the body when its length is given
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int c;
            while (!answer.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
                answer.append((char) c);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
            if (length.find()) {
                answer.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.US_ASCII));
            }
            return answer.toString();
        }
    }
}
