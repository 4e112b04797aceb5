package org.opencpm.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/opencpm demo [--reset]}: starts the simulated platforms, runs OpenCPM ({@code bin/opencpm
 * run}) on a throw-away demo folder with the plugins pointed at them, seeds it through the public API
 * on its first run, sends a first marketing SMS campaign, and prints where to look. Ctrl-C stops
 * OpenCPM and the simulators. A second run on the same folder keeps its data and admin key;
 * {@code --reset} starts over.
 *
 * <p>Environment: {@code OPENCPM_DEMO_DIR} (the demo folder; default {@code demo/} beside {@code bin/}),
 * {@code OPENCPM_HTTP_PORT} (OpenCPM's port; default 8080 when free), {@code OPENCPM_DEMO_PORT} (the
 * simulators' page; default 8081 when free). Everything listens on loopback only.
 */
public final class Demo {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path home;
    private final Path dir;
    private final PrintStream out;

    private Demo(Path home, Path dir, PrintStream out) {
        this.home = home;
        this.dir = dir;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        boolean reset = false;
        for (String arg : args) {
            if (arg.equals("--reset")) {
                reset = true;
            } else {
                System.err.println("usage: opencpm demo [--reset]");
                System.exit(2);
            }
        }
        Path home = Path.of(System.getProperty("opencpm.home", ".")).toAbsolutePath().normalize();
        String configured = System.getenv("OPENCPM_DEMO_DIR");
        Path dir = (configured == null || configured.isBlank() ? home.resolve("demo") : Path.of(configured)).toAbsolutePath().normalize();
        try {
            System.exit(new Demo(home, dir, System.out).run(reset));
        } catch (DemoException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            // Any other failure ends the demo too: the simulators' server threads would otherwise keep this JVM (and the
            // OpenCPM child) running after the trace. System.exit runs the shutdown hook, which stops the child.
            System.err.println("demo: failed: " + e);
            System.exit(1);
        }
    }

    /** A reason the demo cannot run, said to the person who started it. */
    static final class DemoException extends Exception {
        DemoException(String message) {
            super(message);
        }
    }

    private int run(boolean reset) throws Exception {
        refuseConfiguredDatabase();
        refuseRunningDemo();
        int port = port("OPENCPM_HTTP_PORT", 8080);
        int pagePort = port("OPENCPM_DEMO_PORT", 8081);
        if (port == pagePort) {
            throw new DemoException("OPENCPM_HTTP_PORT and OPENCPM_DEMO_PORT are both " + port + ": they must differ");
        }
        if (reset) {
            reset();
        }
        Files.createDirectories(dir);
        DemoSecrets secrets = DemoSecrets.in(dir.resolve("demo.properties"));
        Path loggingConfig = DemoLogging.write(home, dir);
        Simulators simulators = new Simulators(secrets, Clock.systemUTC());
        ConnectorFiles.write(dir.resolve("connectors"), secrets, simulators);
        OpenCpmApi api = new OpenCpmApi(URI.create("http://127.0.0.1:" + port), secrets.adminKey());
        Path logFile = dir.resolve("opencpm.log");
        out.println("Starting OpenCPM for the demo on http://127.0.0.1:" + port + " (log: " + logFile + ") …");
        Process server = launch(port, secrets, logFile, loggingConfig);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, simulators), "demo-stop"));
        awaitReady(api, server, logFile);
        refuseForeignServer(api, port);

        Map<String, String> subjects = subjects(api, secrets);
        Campaign campaign = new Campaign(api, simulators.log);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("console", page(api, "/admin/"));
        links.put("sdk", page(api, "/sdk/example.html"));
        links.put("preferenceCentre", preferenceLink(api, subjects.get(SamplePeople.ALL.getFirst().key())));
        SmsReplies replies = new SmsReplies(api, secrets.aliyunInboundToken(), simulators.log, Clock.systemUTC());
        URI page = simulators.serve(new SimulatorPage(simulators.log, simulators.wechat, simulators.douyin, campaign::run, replies::unsubscribe,
                links), pagePort);
        campaign.run();

        SamplePeople.Person first = SamplePeople.ALL.getFirst();
        out.println();
        out.println("OpenCPM demo is running. Ctrl-C stops it. / 演示已启动，按 Ctrl-C 停止。");
        out.println("  Demo folder (throw-away) / 演示数据目录: " + dir + "   (start over: demo --reset)");
        out.println("  Admin console / 管理控制台:              " + links.get("console"));
        out.println("  Admin key (sign in) / 管理员密钥:         " + secrets.adminKey());
        out.println("  Preference centre of " + first.nameEn() + " / " + first.nameZh() + "的偏好中心: " + links.get("preferenceCentre"));
        out.println("  SDK example page / SDK 示例页:           " + links.get("sdk"));
        out.println("  Simulated platforms / 模拟平台:          " + page + "/");
        out.println("  " + first.nameEn() + "'s subject id / 主体 ID: " + subjects.get(first.key()));
        out.println("  OpenCPM log / 日志:                      " + logFile);
        out.flush();

        int exit = server.waitFor();
        out.println("OpenCPM stopped (exit " + exit + "); see " + logFile);
        return exit == 0 || exit == 130 || exit == 143 ? 0 : 1;
    }

    /** The demo seeds fake people: never into a database the operator configured, only the embedded one in the demo folder. */
    private void refuseConfiguredDatabase() throws IOException, DemoException {
        // The child inherits OPENCPM_JAVA_OPTS, and a -D there beats the environment the demo sets (MicroProfile Config
        // ordinal 400 against 300): -Dopencpm.db.url=<production> would point a demo node, whose connectors reach the
        // simulators, at the real database (and let it lease real deliveries).
        refuseDatabaseOptions(System.getenv("OPENCPM_JAVA_OPTS"));
        String env = System.getenv("OPENCPM_DB_URL");
        Path conf = home.resolve("conf").resolve("opencpm.properties");
        String file = null;
        if (Files.exists(conf)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            file = properties.getProperty("opencpm.db.url");
        }
        if ((env != null && !env.isBlank()) || (file != null && !file.isBlank())) {
            throw new DemoException("this installation is configured for a database (OPENCPM_DB_URL or opencpm.db.url in " + conf
                    + "); the demo seeds made-up people and runs only on its own embedded database. Unset OPENCPM_DB_URL, or run the"
                    + " demo from a fresh copy of the distribution (or ./opencpm demo in the source tree).");
        }
    }

    /** Refuses JVM options of the caller's that choose a database (the demo's child inherits them). */
    static void refuseDatabaseOptions(String javaOpts) throws DemoException {
        if (javaOpts != null && javaOpts.contains("opencpm.db.")) {
            throw new DemoException("OPENCPM_JAVA_OPTS sets a database option (opencpm.db.*); the demo runs only on its own embedded"
                    + " database: unset OPENCPM_JAVA_OPTS (or remove the opencpm.db.* options from it) to run the demo.");
        }
    }

    /** One demo per folder: a second one would rewrite the first one's connector files and find its database locked. */
    private void refuseRunningDemo() throws IOException, DemoException {
        Path pid = dir.resolve("data").resolve("opencpm.pid");
        if (Files.exists(pid)) {
            String running = Files.readString(pid).strip();
            try {
                // Alive and on this folder (a pid left by a stopped demo may have been reused by another process since).
                String data = dir.resolve("data").toString();
                if (!running.isEmpty() && ProcessHandle.of(Long.parseLong(running)).filter(ProcessHandle::isAlive)
                        .map(p -> p.info().commandLine().map(line -> line.contains(data)).orElse(true)).orElse(false)) {
                    throw new DemoException("a demo OpenCPM already runs on " + dir + " (pid " + running + "): stop it first (Ctrl-C where it runs)");
                }
            } catch (NumberFormatException stale) {
                // not a pid: no server of ours
            }
        }
    }

    /** Deletes the demo folder, but only one that a demo made (it holds demo.properties) or an empty one. */
    private void reset() throws IOException, DemoException {
        if (!Files.exists(dir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> children = Files.list(dir)) {
            empty = children.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve("demo.properties"))) {
            throw new DemoException(dir + " is not a demo folder (no demo.properties in it): not deleting it");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        out.println("Reset: deleted " + dir);
    }

    /** The port the environment names (refused when it is no port or taken), else {@code preferred} when free, else any free one. */
    private static int port(String variable, int preferred) throws IOException, DemoException {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            int port;
            try {
                port = Integer.parseInt(configured.strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new DemoException(variable + " must be a port number (1-65535), not '" + configured.strip() + "'");
            }
            if (!free(port)) {
                throw new DemoException("port " + port + " (" + variable + ") is taken on 127.0.0.1: stop what listens there or choose another port");
            }
            return port;
        }
        if (free(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * The server that answered {@code /health/ready} is this demo's only when it takes the demo's admin key: another one
     * (something that took the port between the check and the launch) must not get the sample people nor the campaign.
     */
    private static void refuseForeignServer(OpenCpmApi api, int port) throws DemoException {
        OpenCpmApi.Answer answer = api.get("/api/v1/purposes");
        if (answer.status() != 200) {
            throw new DemoException("the server on port " + port + " is not this demo's OpenCPM (GET /api/v1/purposes with the demo's"
                    + " admin key answered HTTP " + answer.status() + "); nothing was seeded. Stop what listens there, or run --reset"
                    + " if this demo folder's database was made with another key.");
        }
    }

    /** {@code bin/opencpm run} on the demo folder: embedded database, loopback only, the demo's connector files and log. */
    private Process launch(int port, DemoSecrets secrets, Path logFile, Path loggingConfig) throws IOException, DemoException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("opencpm").toString(), "run");
        Map<String, String> env = builder.environment();
        List.of("OPENCPM_DB_URL", "OPENCPM_DB_USER", "OPENCPM_DB_PASSWORD").forEach(env::remove);
        env.put("OPENCPM_DATA_DIR", dir.resolve("data").toString());
        env.put("OPENCPM_HTTP_PORT", Integer.toString(port));
        env.put("OPENCPM_HTTP_HOST", "127.0.0.1");
        // Preference links name this address, not a public one the installation may be configured with.
        env.put("OPENCPM_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("OPENCPM_CONNECTORS_CONF_DIR", dir.resolve("connectors").toString());
        env.put("OPENCPM_BOOTSTRAP_ADMIN_KEY", secrets.adminKey());
        env.put("OPENCPM_JAVA_OPTS", javaOpts(env.getOrDefault("OPENCPM_JAVA_OPTS", ""), port, loggingConfig));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return builder.start();
    }

    /**
     * The caller's JVM options, then the demo's, last so that they win over a {@code -D} of the caller's (the last of two
     * equal {@code -D}s counts, and a {@code -D} beats the environment above): loopback only (the admin key is printed),
     * this port, the demo folder's own log configuration (not the installation's {@code logs/}), and no marketing curfew
     * (no marketing SMS 22:00-08:00 would hold back every campaign of a demo run in the evening).
     */
    static String javaOpts(String callers, int port, Path loggingConfig) throws DemoException {
        String config = loggingConfig.toString();
        if (config.chars().anyMatch(Character::isWhitespace)) {
            // bin/opencpm splits OPENCPM_JAVA_OPTS at white space: the option would reach the JVM in pieces.
            throw new DemoException("the demo folder's path has white space in it (" + loggingConfig.getParent()
                    + "): set OPENCPM_DEMO_DIR to a folder without spaces");
        }
        return (callers.strip() + " -Dopencpm.send.curfew.enabled=false -Djava.util.logging.config.file=" + config
                + " -Dopencpm.http.port=" + port + " -Dserver.port=" + port
                + " -Dopencpm.http.host=127.0.0.1 -Dserver.host=127.0.0.1").strip();
    }

    private void awaitReady(OpenCpmApi api, Process server, Path logFile) throws IOException, InterruptedException, DemoException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!api.ready()) {
            if (!server.isAlive()) {
                throw new DemoException("OpenCPM ended while starting (exit " + server.exitValue() + "); the end of " + logFile + ":\n"
                        + tail(logFile));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoException("OpenCPM was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + logFile);
            }
            server.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The sample people's subject ids: seeded on the first run, read back from {@code people.properties} after. */
    private Map<String, String> subjects(OpenCpmApi api, DemoSecrets secrets) throws IOException {
        Path file = dir.resolve("people.properties");
        Properties people = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                people.load(in);
            }
        } else {
            out.println("Seeding purposes, a notice and " + SamplePeople.ALL.size() + " sample people through the API …");
            new Seeder(api, secrets.wechatAppId()).seed().forEach(people::setProperty);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                people.store(writer, "OpenCPM demo: the sample people's subject ids");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        people.stringPropertyNames().forEach(key -> out.put(key, people.getProperty(key)));
        return out;
    }

    /**
     * The address of a page OpenCPM serves. Every build serves the console and the SDK's example page: one that does
     * not is broken, and the demo says so rather than leaving the link out.
     */
    private static String page(OpenCpmApi api, String path) throws DemoException {
        if (!api.serves(path)) {
            throw new DemoException("this OpenCPM does not serve " + path + ", which every build ships: the installation is incomplete");
        }
        return api.base().resolve(path).toString();
    }

    /** A preference-centre link for {@code subjectId} (every build makes them: a refusal ends the demo, with OpenCPM's answer). */
    private static String preferenceLink(OpenCpmApi api, String subjectId) throws DemoException {
        OpenCpmApi.Answer link = api.post("/api/v1/subjects/" + subjectId + "/preference-links",
                jakarta.json.Json.createObjectBuilder().add("ttlMinutes", 24 * 60).build());
        if (link.status() != 201 || !(link.json().get("url") instanceof jakarta.json.JsonString url)) {
            throw new DemoException("could not make a preference-centre link: HTTP " + link.status() + " " + link.text());
        }
        return api.base().resolve(url.getString()).toString();
    }

    private void stop(Process server, Simulators simulators) {
        if (server.isAlive()) {
            out.println("Stopping OpenCPM …");
            server.destroy();
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        simulators.close();
    }
}
