package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/opencpm demo} from the real tarball, as a newcomer runs it: it starts, seeds through the
 * API, prints its links; a withdrawal over the API for a sample person reaches the WeChat simulator
 * (untag) and the Ocean Engine simulator (audience delete) within a bound, and the next marketing SMS
 * campaign holds that person's message back (the SMS platform never gets it), as it does for a person
 * who replied 退订 (the SMS simulator's SmsUp push to OpenCPM's hook); the simulators refuse
 * what their platforms refuse (a wrongly signed SendSms, a forged access token); a SIGINT (Ctrl-C)
 * stops OpenCPM too; a second run on the same folder reuses its data and admin key.
 */
class DemoIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LI_LEI_PHONE = "13800000001";
    private static final String LI_LEI_OPENID = "oDemo_LiLei_9Xq2fT0aKcW3pYb7";

    @Test
    @DisplayName("PIPL Art. 15: the demo seeds and prints its links; a withdrawal by API reaches WeChat and Douyin and holds back the SMS; forged calls are refused; Ctrl-C stops everything")
    void the_demo_shows_a_withdrawal_reaching_every_simulated_platform(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work);
        try (var lib = Files.list(unpacked.home.resolve("lib")); var demoLib = Files.list(unpacked.home.resolve("lib/demo"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).as("the server's class path (lib/*)").noneMatch(n -> n.contains("opencpm-demo"));
            assertThat(demoLib.map(p -> p.getFileName().toString())).singleElement().satisfies(n -> assertThat(n).contains("opencpm-demo"));
        }
        Path demoDir = work.resolve("demo");
        int pagePort = RunningServer.freePort();
        refusesBadSettings(unpacked, work.resolve("refused"));
        Instant began = Instant.now();
        try (RunningDemo running = RunningDemo.start(unpacked, demoDir, pagePort)) {
            Process demo = running.awaitLinks().process;
            System.out.println("DemoIT: started and seeded in " + Duration.between(began, Instant.now()).toMillis() + " ms");
            String all = running.output();
            String adminKey = running.adminKey();
            URI page = running.page();
            assertThat(page.getPort()).isEqualTo(pagePort);
            assertThat(all).contains("http://127.0.0.1:" + unpacked.port + "/admin/", demoDir.toString(), "Seeding");
            // Every build serves the SDK's example page and makes preference links: the demo prints both.
            assertThat(running.sdkPage()).isEqualTo(URI.create("http://127.0.0.1:" + unpacked.port + "/sdk/example.html"));
            assertThat(unpacked.get("/sdk/example.html", null).statusCode()).isEqualTo(200);
            assertThat(unpacked.get("/health/ready", null).statusCode()).isEqualTo(200);
            String liLei = running.find("Li Lei's subject id[^\\n]*?(sub_[0-9a-f]+)");
            assertThat(running.preferenceLink().toString()).startsWith("http://127.0.0.1:" + unpacked.port + "/preference-center/");

            HttpResponse<String> html = get(page, "/");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(html.body()).contains("simulators.js").doesNotContain("<script>");

            // Seeded: four of the five people are in the WeChat tag and the Douyin audience, and the first campaign went out
            // to the four who agreed to marketing SMS (the fifth one's was held back).
            String liHash = sha256(LI_LEI_PHONE);
            await("the seeded consents at WeChat and Douyin").atMost(BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonObject state = calls(page, 0);
                assertThat(tagged(state)).hasSize(4).contains(LI_LEI_OPENID);
                assertThat(strings(state.getJsonArray("douyinAudience"))).hasSize(4).contains(liHash);
            });
            JsonObject seeded = calls(page, 0);
            assertThat(users(seeded, "sms.send")).containsExactlyInAnyOrder("138****0001", "138****0002", "138****0003", "138****0005");
            assertThat(held(seeded)).containsExactly(Map.entry("138****0004", "no_consent"));
            long before = last(seeded);

            // Li Lei withdraws every marketing purpose, as the preference centre would record it.
            HttpResponse<String> withdrawn = unpacked.post("/api/v1/consents", adminKey, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]},
                      'purposes': ['marketing-sms', 'marketing-wechat', 'marketing-ads'], 'action': 'withdraw',
                      'channel': 'web', 'method': 'toggle' }""".formatted(LI_LEI_PHONE)));
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
            assertThat(Json.parse(withdrawn.body()).getString("subjectId")).isEqualTo(liLei);
            Instant asked = Instant.now();
            await("the withdrawal at WeChat and Douyin").atMost(BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonObject since = calls(page, before);
                assertThat(users(since, "tag.remove")).contains(LI_LEI_OPENID);
                assertThat(users(since, "dmp.delete")).contains(liHash);
            });
            System.out.println("DemoIT: the withdrawal reached WeChat and Douyin in " + Duration.between(asked, Instant.now()).toMillis() + " ms");
            JsonObject after = calls(page, 0);
            assertThat(tagged(after)).hasSize(3).doesNotContain(LI_LEI_OPENID);
            assertThat(strings(after.getJsonArray("douyinAudience"))).hasSize(3).doesNotContain(liHash);

            // Han Meimei replies 退订 to an SMS (Alibaba Cloud's SmsUp push to OpenCPM's hook): marketing SMS withdrawn for her too.
            assertThat(post(page, "/api/reply?person=han-meimei", Map.of()).statusCode()).as("no X-Demo-Action header").isEqualTo(403);
            assertThat(post(page, "/api/reply?person=nobody", Map.of("X-Demo-Action", "reply")).statusCode()).isEqualTo(400);
            HttpResponse<String> reply = post(page, "/api/reply?person=han-meimei", Map.of("X-Demo-Action", "reply"));
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(Json.parse(reply.body()).getBoolean("recorded")).as(reply.body()).isTrue();

            // The next campaign: OpenCPM holds Li Lei's and Han Meimei's SMS back; the SMS platform gets the other two.
            long beforeCampaign = last(calls(page, 0));
            assertThat(post(page, "/api/campaign", Map.of()).statusCode()).as("no X-Demo-Action header").isEqualTo(403);
            HttpResponse<String> campaign = post(page, "/api/campaign", Map.of("X-Demo-Action", "campaign"));
            assertThat(campaign.statusCode()).isEqualTo(200);
            assertThat(Json.parse(campaign.body()).getInt("sent")).isEqualTo(2);
            JsonObject sms = calls(page, beforeCampaign);
            assertThat(users(sms, "sms.send")).containsExactlyInAnyOrder("138****0003", "138****0005");
            assertThat(held(sms)).containsOnly(Map.entry("138****0001", "withdrawn"), Map.entry("138****0002", "withdrawn"),
                    Map.entry("138****0004", "no_consent"));

            refusesForgedCalls(demoDir, page);
            // The demo's records go to its own folder, never among the installation's (conf/logging.properties names logs/).
            assertThat(demoDir.resolve("logs/opencpm.0.log")).isNotEmptyFile();
            try (var installationLogs = Files.list(unpacked.home.resolve("logs"))) {
                assertThat(installationLogs.map(f -> f.getFileName().toString())).as("the installation's logs/").noneMatch(n -> n.startsWith("opencpm"));
            }
            assertThat(Files.readString(demoDir.resolve("opencpm.log"))).doesNotContain(LI_LEI_PHONE).doesNotContain(LI_LEI_OPENID);

            // Ctrl-C: the demo stops OpenCPM and its simulators.
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ended after SIGINT").isTrue();
            await("OpenCPM stopped").atMost(Duration.ofSeconds(10)).until(() -> refused(URI.create("http://127.0.0.1:" + unpacked.port + "/health/live")));
            assertThat(refused(page)).as("the simulators' page stopped").isTrue();
            System.out.println("DemoIT: first run and its stop took " + Duration.between(began, Instant.now()).toMillis() + " ms");

            // A second run on the same folder keeps the data and the admin key, and seeds nothing again.
            try (RunningDemo second = RunningDemo.start(unpacked, demoDir, pagePort)) {
                second.awaitLinks();
                assertThat(second.output()).contains(adminKey, liLei).doesNotContain("Seeding");
                JsonObject consents = Json.parse(unpacked.get("/api/v1/subjects/" + liLei + "/consents", adminKey).body());
                assertThat(consents.getJsonArray("consents").stream().map(JsonValue::asJsonObject)
                        .filter(c -> c.getString("purpose").startsWith("marketing-")).map(c -> c.getString("state")))
                        .containsOnly("withdrawn").hasSize(3);
                second.process.destroy();
                assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second demo ended after SIGTERM").isTrue();
            }
            System.out.println("DemoIT: the second run ended " + Duration.between(began, Instant.now()).toMillis() + " ms after the first began");
            await("OpenCPM stopped again").atMost(Duration.ofSeconds(10)).until(() -> refused(URI.create("http://127.0.0.1:" + unpacked.port + "/health/live")));
        }
    }

    /** Settings the demo refuses at once (exit 1, a message, nothing left running): a database in the JVM options, a bad port. */
    private static void refusesBadSettings(RunningServer unpacked, Path dir) throws Exception {
        for (Map<String, String> env : List.of(Map.of("OPENCPM_JAVA_OPTS", "-Dopencpm.db.url=jdbc:postgresql://127.0.0.1:1/production"),
                Map.of("OPENCPM_HTTP_PORT", "abc"))) {
            ProcessBuilder command = unpacked.command("demo").redirectErrorStream(true);
            command.environment().put("OPENCPM_DEMO_DIR", dir.toString());
            command.environment().putAll(env);
            Process refused = command.start();
            String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refused.waitFor(30, TimeUnit.SECONDS)).as("the demo ended: " + env).isTrue();
            assertThat(refused.exitValue()).as(said).isEqualTo(1);
            assertThat(said).as(env.toString()).contains(env.containsKey("OPENCPM_HTTP_PORT") ? "OPENCPM_HTTP_PORT must be a port number" : "opencpm.db.")
                    .doesNotContain("Exception");
        }
    }

    /** What the simulators' own platforms refuse: a SendSms signed with another secret, a forged WeChat or Ocean Engine token. */
    private static void refusesForgedCalls(Path demoDir, URI page) throws Exception {
        Properties sms = properties(demoDir.resolve("connectors/sms-aliyun.properties"));
        URI aliyun = URI.create(sms.getProperty("baseUrl") + "/");
        Map<String, String> query = new TreeMap<>(Map.of("PhoneNumbers", "13900000009", "SignName", "开放同意",
                "TemplateCode", "SMS_154950909", "OutId", "demo-it"));
        HttpResponse<String> signed = sendSms(aliyun, query, sms.getProperty("accessKeyId"), sms.getProperty("accessKeySecret"));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(Json.parse(signed.body()).getString("Code")).isEqualTo("OK");
        HttpResponse<String> forged = sendSms(aliyun, query, sms.getProperty("accessKeyId"), sms.getProperty("accessKeySecret") + "x");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(Json.parse(forged.body()).getString("Code")).isEqualTo("SignatureDoesNotMatch");

        Properties wechat = properties(demoDir.resolve("connectors/wechat.properties"));
        HttpResponse<String> untag = HTTP.send(HttpRequest.newBuilder(URI.create(wechat.getProperty("baseUrl")
                        + "/cgi-bin/tags/members/batchuntagging?access_token=forged-token")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"openid_list\":[\"" + LI_LEI_OPENID + "\"],\"tagid\":100}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(untag.body()).getInt("errcode")).isEqualTo(40001);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(wechat.getProperty("baseUrl")
                + "/cgi-bin/token?grant_type=client_credential&appid=" + wechat.getProperty("appId") + "&secret=wrong")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(token.body()).getInt("errcode")).isEqualTo(40125);

        Properties douyin = properties(demoDir.resolve("connectors/douyin.properties"));
        HttpResponse<String> update = HTTP.send(HttpRequest.newBuilder(URI.create(douyin.getProperty("baseUrl") + "/open_api/2/dmp/data_source/update/"))
                .header("Access-Token", "forged-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advertiser_id\":" + douyin.getProperty("advertiserId") + ",\"data_source_id\":\""
                        + douyin.getProperty("dataSourceId") + "\",\"operation_type\":3,\"data_format\":0,\"file_storage_type\":0,\"file_paths\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(update.body()).getInt("code")).isEqualTo(40102);

        JsonObject state = calls(page, 0);
        assertThat(strings(state.getJsonArray("douyinAudience"))).as("the forged reset changed nothing").hasSize(3);
        Map<String, String> refusals = state.getJsonArray("calls").stream().map(JsonValue::asJsonObject).filter(c -> !c.getBoolean("accepted"))
                .collect(Collectors.toMap(c -> c.getString("platform") + " " + c.getString("kind"), c -> c.getString("code"), (a, b) -> a + "," + b));
        assertThat(refusals).containsEntry("wechat tag.remove", "40001").containsEntry("wechat token", "40125")
                .containsEntry("douyin dmp.update", "40102");
        assertThat(refusals.get("sms sms.send")).isEqualTo("SignatureDoesNotMatch");
    }

    /** SendSms signed ACS3-HMAC-SHA256 as Alibaba Cloud documents it, by this test's own code. */
    private static HttpResponse<String> sendSms(URI base, Map<String, String> query, String keyId, String secret) throws Exception {
        String emptySha256 = sha256("");
        String rawQuery = query.entrySet().stream().map(e -> rfc3986(e.getKey()) + "=" + rfc3986(e.getValue())).collect(Collectors.joining("&"));
        Map<String, String> headers = new TreeMap<>(Map.of("host", base.getHost() + ":" + base.getPort(), "x-acs-action", "SendSms",
                "x-acs-version", "2017-05-25", "x-acs-date", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                        .format(Instant.now()), "x-acs-signature-nonce", UUID.randomUUID().toString(), "x-acs-content-sha256", emptySha256));
        String signedHeaders = String.join(";", headers.keySet());
        String canonical = "POST\n/\n" + rawQuery + "\n" + headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining()) + "\n" + signedHeaders + "\n" + emptySha256;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(("ACS3-HMAC-SHA256\n" + sha256(canonical)).getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/?" + rawQuery)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "ACS3-HMAC-SHA256 Credential=" + keyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static JsonObject calls(URI page, long after) throws Exception {
        HttpResponse<String> answer = get(page, "/api/calls?after=" + after);
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.parse(answer.body());
    }

    /** Everyone any call of {@code kind} (accepted) was about. */
    private static List<String> users(JsonObject calls, String kind) {
        return calls.getJsonArray("calls").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("kind").equals(kind) && c.getBoolean("accepted"))
                .flatMap(c -> strings(c.getJsonArray("users")).stream()).toList();
    }

    private static Map<String, String> held(JsonObject calls) {
        return calls.getJsonArray("calls").stream().map(JsonValue::asJsonObject).filter(c -> c.getString("kind").equals("campaign.held"))
                .collect(Collectors.toMap(c -> c.getJsonArray("users").getString(0), c -> c.getString("code")));
    }

    private static List<String> tagged(JsonObject state) {
        return strings(state.getJsonObject("wechatTags").getJsonArray("opencpm-marketing-wechat"));
    }

    private static long last(JsonObject calls) {
        JsonArray all = calls.getJsonArray("calls");
        return all.isEmpty() ? 0 : all.getJsonObject(all.size() - 1).getJsonNumber("seq").longValue();
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static HttpResponse<String> get(URI page, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(page.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI page, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(page.resolve(path)).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(URI uri) {
        try {
            HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
