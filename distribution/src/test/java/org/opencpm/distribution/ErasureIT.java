package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of erasure on the real distribution (PIPL Art. 45, 47): a person granted,
 * exported (phone in clear, notice text), erased on their deletion request; afterwards neither
 * their phone nor the evidence ip is anywhere in the data folder, the logs, the audit export or
 * (on PostgreSQL) the database server's own files, write-ahead log included — searched as bytes —
 * while the audit chain verifies and the CRM got the erasure event. On H2 (the embedded default)
 * and on the machine's PostgreSQL, in a database of its own (skipped when there is none, unless
 * {@code -Dopencpm.databases=required}).
 */
class ErasureIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";
    private static final String SECRET = "crm-shared-secret-of-32-characters!!";
    private static final String CRM_PATH = "/crm/changes";
    private static final String NOTICE_TEXT = "我们如何处理您的个人信息";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WireMockServer crm;

    @BeforeEach
    void aCrm() {
        crm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        crm.start();
        crm.stubFor(post(urlPathEqualTo(CRM_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopIt() {
        crm.stop();
    }

    @Test
    @DisplayName("PIPL Art. 45, 47 on H2: granted, exported, erased — phone and ip nowhere as bytes, the chain valid, the CRM told")
    void erasure_on_the_embedded_database(@TempDir Path work) throws Exception {
        Person person = Person.random();
        RunningServer unpacked = unpack(work);
        try (RunningServer server = unpacked.start()) {
            grantExportErase(server, person);
            server.stop();
        }
        assertNowhere(person, files(unpacked.data), "the data folder");
        assertNowhere(person, files(unpacked.home.resolve("logs")), "the logs");
        assertSomewhere(NOTICE_TEXT, files(unpacked.data), "the data folder");
    }

    @Test
    @DisplayName("PIPL Art. 45, 47 on PostgreSQL: the same, and neither is in the server's files or write-ahead log either")
    void erasure_on_postgresql(@TempDir Path work) throws Exception {
        Person person = Person.random();
        try (PostgreSql database = PostgreSql.create()) {
            RunningServer unpacked = unpack(work).withEnv("OPENCPM_DB_URL", database.url).withEnv("OPENCPM_DB_USER", database.user);
            try (RunningServer server = unpacked.start()) {
                grantExportErase(server, person);
                server.stop();
            }
            assertNowhere(person, files(unpacked.data), "the data folder");
            assertNowhere(person, files(unpacked.home.resolve("logs")), "the logs");
            assertNowhere(person, database.rowsAsText(), "the database's rows");
            assertSomewhere(NOTICE_TEXT, database.rowsAsText(), "the database's rows");
            database.serverFiles().ifPresent(files -> {
                assertNowhere(person, files, "PostgreSQL's data directory (WAL included)");
                assertSomewhere(NOTICE_TEXT, files, "PostgreSQL's data directory (WAL included)");
            });
        }
    }

    private RunningServer unpack(Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET).withEnv("OPENCPM_ERASURE_CHECKSECONDS", "1");
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d%s
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(crm.port(), CRM_PATH));
        return unpacked;
    }

    private void grantExportErase(RunningServer server, Person person) {
        DistributionIT.defineCatalogue(server, ADMIN);
        HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'web', 'method': 'checkbox',
                  'evidence': {'ip': '%s', 'userAgent': '%s'} }""".formatted(person.phone, person.ip, person.userAgent)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String subjectId = Json.parse(granted.body()).getString("subjectId");
        awaitAtCrm(subjectId, "org.opencpm.consent.changed");

        HttpResponse<String> export = server.get("/api/v1/subjects/" + subjectId + "/export", ADMIN);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains(person.phone, NOTICE_TEXT, person.ip);
        Json.parse(export.body());

        HttpResponse<String> request = server.post("/api/v1/rights-requests", ADMIN, Json.of("""
                { 'subjectId': '%s', 'type': 'deletion', 'channel': 'call_centre',
                  'verification': {'method': 'operator', 'operator': 'agent 7'}, 'note': 'wants everything deleted' }"""
                .formatted(subjectId)));
        assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
        String requestId = Json.parse(request.body()).getString("requestId");

        HttpResponse<String> erase = server.post("/api/v1/subjects/" + subjectId + ":erase", ADMIN,
                Json.of("{ 'requestId': '%s' }".formatted(requestId)));
        assertThat(erase.statusCode()).as(erase.body()).isEqualTo(202);
        assertThat(Json.parse(erase.body()).getString("status")).isIn("erasing", "erased");

        List<LoggedRequest> erased = awaitAtCrm(subjectId, "org.opencpm.subject.erased");
        assertThat(erased.getFirst().getBodyAsString()).as("the CRM is given the identifiers to delete").contains(person.phone);
        await("the erasure finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).statusCode() == 410);

        assertThat(server.post("/api/v1/subjects:lookup", ADMIN, Json.of("""
                { 'identifiers': [{'type': 'phone', 'value': '%s'}] }""".formatted(person.phone))).statusCode()).isEqualTo(404);
        JsonObject decision = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(person.phone))).body());
        assertThat(decision.getBoolean("allowed")).isFalse();
        assertThat(server.get("/api/v1/subjects/" + subjectId + "/export", ADMIN).statusCode()).isEqualTo(410);
        JsonObject verified = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
        assertThat(verified.getBoolean("valid")).as(verified.toString()).isTrue();
        HttpResponse<String> trail = server.get("/api/v1/audit/events", ADMIN, "application/x-ndjson");
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("subject_erased").doesNotContain(person.phone).doesNotContain(person.ip)
                .doesNotContain(person.userAgent).doesNotContain("wants everything deleted");
        for (String format : List.of("text/csv", "application/json")) {
            HttpResponse<String> events = server.get("/api/v1/audit/events", ADMIN, format);
            assertThat(events.statusCode()).as(format).isEqualTo(200);
            assertThat(events.body()).as(format).doesNotContain(person.phone).doesNotContain(person.ip).doesNotContain(person.userAgent);
        }
        JsonObject answered = Json.parse(server.get("/api/v1/rights-requests/" + requestId, ADMIN).body());
        assertThat(answered.getString("status")).isEqualTo("completed");
    }

    private List<LoggedRequest> awaitAtCrm(String subjectId, String type) {
        await(type + " at the CRM").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !atCrm(subjectId, type).isEmpty());
        return atCrm(subjectId, type);
    }

    private List<LoggedRequest> atCrm(String subjectId, String type) {
        return crm.findAll(postRequestedFor(urlPathEqualTo(CRM_PATH)).withRequestBody(containing(subjectId))
                .withRequestBody(containing(type)));
    }

    /** Asserts that no file holds the phone, the ip or the user agent, as UTF-8 or UTF-16 bytes. */
    private static void assertNowhere(Person person, List<Path> files, String where) {
        assertThat(files).as(where + " has files to search").isNotEmpty();
        Map<String, List<byte[]>> needles = new LinkedHashMap<>();
        needles.put("the phone", forms(person.phone));
        needles.put("the ip", forms(person.ip));
        needles.put("the user agent", forms(person.userAgent));
        assertThat(BytesOnDisk.found(files, needles)).as("personal data left in " + where).isEmpty();
    }

    private static List<byte[]> forms(String secret) {
        return List.of(secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE),
                secret.getBytes(StandardCharsets.UTF_16BE));
    }

    /**
     * The control: text that is stored in clear (the notice) is found by the same search, so that
     * the search can see what the database keeps — were the files compressed or encrypted, finding
     * nothing would prove nothing.
     */
    private static void assertSomewhere(String text, List<Path> files, String where) {
        assertThat(BytesOnDisk.anyHolds(files, text.getBytes(StandardCharsets.UTF_8)))
                .as("the control text stored in clear is found in " + where).isTrue();
    }

    private static List<Path> files(Path root) {
        return BytesOnDisk.files(root);
    }

    /** One person's data, random so that no other test or run leaves the same bytes behind. */
    private record Person(String phone, String ip, String userAgent) {
        static Person random() {
            String phone = "139" + String.format(Locale.ROOT, "%08d", RANDOM.nextInt(100_000_000));
            String ip = "198.18." + (1 + RANDOM.nextInt(254)) + "." + (1 + RANDOM.nextInt(254));
            String agent = "ErasureIT/1.0 (device " + HexFormat.of().formatHex(RANDOM.generateSeed(6)) + ")";
            return new Person(phone, ip, agent);
        }
    }

    /** A database of its own on the machine's PostgreSQL, dropped afterwards. */
    private static final class PostgreSql implements AutoCloseable {
        private static final String SERVER = System.getProperty("opencpm.test.postgresql", "jdbc:postgresql://127.0.0.1:5432/");
        final String url;
        final String user;
        private final String name;
        private final Path work;

        private PostgreSql(String name, String user, Path work) {
            this.name = name;
            this.user = user;
            this.url = SERVER + name;
            this.work = work;
        }

        static PostgreSql create() throws IOException {
            DriverManager.setLoginTimeout(5);
            SQLException last = null;
            for (String user : List.of("postgres", "root")) {
                try (Connection admin = DriverManager.getConnection(SERVER + "postgres", user, "");
                     Statement statement = admin.createStatement()) {
                    String name = "opencpm_it_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
                    statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
                    return new PostgreSql(name, user, Files.createTempDirectory("erasure-it-pg"));
                } catch (SQLException e) {
                    last = e;
                }
            }
            boolean required = "required".equals(System.getProperty("opencpm.databases", "optional"));
            if (required) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + SERVER, last);
            }
            Assumptions.abort("PostgreSQL is not reachable at " + SERVER + " (" + last + ")");
            throw new IllegalStateException("unreachable");
        }

        /** Every row of every table of the database, as PostgreSQL writes it as text, in one file to search. */
        List<Path> rowsAsText() throws SQLException, IOException {
            Path dump = work.resolve("rows.txt");
            try (Connection c = DriverManager.getConnection(url, user, "");
                 Statement statement = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                StringBuilder text = new StringBuilder();
                for (String table : tables) {
                    try (ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                        while (rs.next()) {
                            text.append(table).append(": ").append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertThat(tables).contains("audit_event", "subject_erasure");
                Files.writeString(dump, text);
            }
            return List.of(dump);
        }

        /** The server's own files, write-ahead log included, when this process may read them (the CI runs as root). */
        java.util.Optional<List<Path>> serverFiles() throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, "");
                 Statement statement = c.createStatement()) {
                statement.execute("CHECKPOINT");
                try (ResultSet rs = statement.executeQuery("SHOW data_directory")) {
                    rs.next();
                    Path directory = Path.of(rs.getString(1));
                    return Files.isReadable(directory) ? java.util.Optional.of(files(directory)) : java.util.Optional.empty();
                }
            } catch (SQLException notSuperuser) {
                return java.util.Optional.empty();
            }
        }

        @Override
        public void close() throws Exception {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", user, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
