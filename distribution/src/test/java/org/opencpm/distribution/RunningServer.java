package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real distribution, unpacked from the tarball the build made and run as its own process
 * with {@code bin/opencpm run}, the way an operator runs it.
 */
public final class RunningServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path home;
    final Path data;
    public final int port;
    final Path log;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private int starts;
    private int openFileLimit;
    private String scheme = "http";
    private HttpClient client = HTTP;

    private RunningServer(Path home, Path data, int port) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.log = home.resolve("logs").resolve("it-run.log");
    }

    /** Unpacks the tarball into {@code workDir}; the server gets a free port and its data folder there. */
    public static RunningServer unpack(Path workDir) throws Exception {
        Path tarball = Path.of(System.getProperty("opencpm.tarball"));
        assertThat(tarball).as("the distribution tarball; run 'mvnw verify' so that package builds it").exists();
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", workDir.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar -xzf").isTrue();
        Path home = workDir.resolve(System.getProperty("opencpm.dist.name"));
        return new RunningServer(home, workDir.resolve("data"), freePort());
    }

    public RunningServer withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Runs {@code bin/opencpm} under {@code ulimit -n limit} (soft and hard), as an operator's
     * shell or service manager might, so that descriptor exhaustion is quick to reach.
     */
    RunningServer withOpenFileLimit(int limit) {
        openFileLimit = limit;
        return this;
    }

    /** Talks HTTPS to the server, trusting what {@code trust} trusts (for a server configured with a TLS keystore). */
    RunningServer withTls(javax.net.ssl.SSLContext trust) {
        scheme = "https";
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust).build();
        return this;
    }

    /** The process of {@code bin/opencpm run}, while it runs. */
    Process process() {
        return process;
    }

    /** A port free on this machine now (for a server started next). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code bin/opencpm <command>}, with this server's port and data folder. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        if (openFileLimit > 0) {
            command.addAll(List.of("sh", "-c", "ulimit -n " + openFileLimit + " && exec \"$0\" \"$@\""));
        }
        command.add(home.resolve("bin/opencpm").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPENCPM_HTTP_PORT", Integer.toString(port));
        builder.environment().put("OPENCPM_DATA_DIR", data.toString());
        builder.environment().put("OPENCPM_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Starts {@code bin/opencpm run} and waits until {@code /health/ready} says UP. */
    public RunningServer start() throws IOException {
        starts++;
        Files.createDirectories(log.getParent());
        process = command("run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady();
        return this;
    }

    /** Starts {@code bin/opencpm run} and waits until {@code /health/live} says UP, ready or not. */
    RunningServer startLive() throws IOException {
        starts++;
        Files.createDirectories(log.getParent());
        process = command("run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("OpenCPM live on port " + port + " (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .failFast("the server process ended; see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> get("/health/live", null).statusCode() == 200);
        return this;
    }

    void awaitReady() {
        await("OpenCPM ready on port " + port + " (log: " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the server process ended; see " + log, () -> process != null && !process.isAlive())
                .ignoreExceptions()
                .until(() -> get("/health/ready", null).statusCode() == 200);
    }

    /** Waits for a server started by {@code bin/opencpm start} (not by this object). */
    void awaitReadyInBackground() {
        await("OpenCPM ready on port " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> get("/health/ready", null).statusCode() == 200);
    }

    /** Stops it as {@code kill} would (SIGTERM) and waits for it to end. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    }

    /** Kills it as {@code kill -9} would: no shutdown hook, no flushing. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    public HttpResponse<String> get(String path, String key, String accept) {
        return send(request(path, key).header("Accept", accept).GET().build());
    }

    /** A GET whose body is bytes (a PDF). */
    HttpResponse<byte[]> getBytes(String path, String key, String accept) throws IOException, InterruptedException {
        return HTTP.send(request(path, key).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET as a proxy relays it for the client at {@code clientAddress} (believed when this host is a trusted proxy). */
    HttpResponse<String> getFor(String clientAddress, String path, String key) {
        return send(request(path, key).header("X-Forwarded-For", clientAddress).GET().build());
    }

    public HttpResponse<String> post(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path, String key) {
        return send(request(path, key).DELETE().build());
    }

    /** A DELETE with a JSON body (DELETE /api/v1/subjects/{id}/identifiers). */
    HttpResponse<String> delete(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A POST with no API key and the given headers, as a platform's callback comes. */
    public HttpResponse<String> postRaw(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, null).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** {@code response}, once asserted a success (2xx); failing, says which request and what the server answered. */
    public static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(() -> response.request().method() + " " + response.uri() + ": " + response.body()).isBetween(200, 299);
        return response;
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
