package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled channel plugins in the real process on its embedded database, WireMock standing in
 * for each platform ({@link ChannelPlatforms}): every zip loads and shows in {@code GET /api/v1/plugins};
 * a withdrawal by API reaches WeChat (untag), Douyin (delete from the audience) and Tmall (opt-out);
 * an Aliyun SmsUp "TD" reply withdraws marketing SMS for that number, after which it gets no send
 * permit and the other platforms receive the withdrawal; SMS sends honour the frequency cap and quiet
 * hours, and of 50 racing requests for the last unit of a budget exactly one is sent.
 */
class ChannelPluginsIT {

    static final String ADMIN = "channel-plugins-admin-key-0000000000001";
    private static final String PURPOSE = "marketing-sms";
    private static final String NOTICE = "'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox'";
    private static final Set<String> CHANNEL_PLUGINS = Set.of("wechat", "douyin", "tmall", "sms-aliyun", "sms-tencent");

    private ChannelPlatforms platforms;

    @BeforeEach
    void standIns() {
        platforms = new ChannelPlatforms();
    }

    @AfterEach
    void stopThem() {
        platforms.close();
    }

    /** Unpacked, every channel connector pointed at its stand-in; the marketing curfew off, so that sends do not depend on the hour the build runs at. */
    private RunningServer configured(Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN);
        platforms.configure(unpacked, PURPOSE);
        Files.writeString(unpacked.home.resolve("conf/opencpm.properties"), "\nopencpm.send.curfew.enabled=false\n", StandardOpenOption.APPEND);
        return unpacked;
    }

    @Test
    @DisplayName("PIPL Art. 15: every bundled plugin loads; a withdrawal by API reaches WeChat (untag), Douyin (audience delete) and Tmall (opt-out)")
    void a_withdrawal_by_api_reaches_every_platform(@TempDir Path work) throws Exception {
        try (RunningServer server = configured(work).start()) {
            JsonArray plugins = Json.parseArray(server.get("/api/v1/plugins", ADMIN).body());
            assertThat(plugins.stream().map(p -> p.asJsonObject().getString("id")).collect(Collectors.toSet()))
                    .containsAll(CHANNEL_PLUGINS).contains("crm-webhook");
            assertThat(states(server)).as(server.logText()).containsAllEntriesOf(
                    CHANNEL_PLUGINS.stream().collect(Collectors.toMap(id -> id, id -> "running")));
            DistributionIT.defineCatalogue(server, ADMIN);

            Person person = new Person("13800001111", "oE2e-openid-0001", "ouid-e2e-0001");
            person.consent(server, "grant", NOTICE);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bodies(platforms.wechat, "/cgi-bin/tags/members/batchtagging")).anyMatch(b -> b.contains(person.openid));
                assertThat(operations(platforms.douyin)).contains(1);
                assertThat(bodies(platforms.tmall, "/router/rest")).anyMatch(b -> b.contains("batchdelete") && b.contains(person.ouid));
            });

            person.consent(server, "withdraw", "'channel': 'app', 'method': 'button'");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bodies(platforms.wechat, "/cgi-bin/tags/members/batchuntagging")).anyMatch(b -> b.contains(person.openid));
                assertThat(operations(platforms.douyin)).containsSubsequence(1, 2);
                assertThat(bodies(platforms.tmall, "/router/rest")).anyMatch(b -> b.contains("batchadd") && b.contains(person.ouid));
            });
            assertThat(server.logText()).doesNotContain(person.openid).doesNotContain(person.ouid).doesNotContain(person.phone);
        }
    }

    @Test
    @DisplayName("MIIT Order 31: an SmsUp 'TD' reply withdraws marketing SMS for that number: no more send permits, and WeChat, Douyin and Tmall get the withdrawal; a wrong token changes nothing, a replay records nothing")
    void an_smsup_td_reply_withdraws_and_propagates(@TempDir Path work) throws Exception {
        try (RunningServer server = configured(work).start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            Person person = new Person("13900002222", "oE2e-openid-0002", "ouid-e2e-0002");
            // Granted a minute ago: SmsUp dates a reply to the second, and a reply dated before the grant would not undo it
            // (the latest event is in force), which a grant and a reply within one second could otherwise be.
            String subjectId = person.consent(server, "grant", NOTICE + ", 'occurredAt': '" + java.time.Instant.now().minusSeconds(60) + "'");
            JsonObject sent = person.send(server, "sms-aliyun");
            assertThat(sent.getBoolean("sent")).as(sent.toString()).isTrue();
            assertThat(ChannelPlatforms.requests(platforms.aliyun, "/")).singleElement()
                    .satisfies(r -> assertThat(r.queryParameter("PhoneNumbers").firstValue()).endsWith(person.phone));
            await().atMost(Duration.ofSeconds(30)).until(() -> !bodies(platforms.wechat, "/cgi-bin/tags/members/batchtagging").isEmpty());

            // Sent now, Beijing time, as Alibaba Cloud writes it.
            String sentAt = java.time.LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            String reply = Json.of("""
                    [{'phone_number': '%s', 'content': 'TD', 'send_time': '%s', 'dest_code': '1234',
                      'sequence_id': 1234567, 'sign_name': '开放同意'}]""".formatted(person.phone, sentAt));
            for (String query : List.of("?token=wrong-token", "", "?token=")) {
                HttpResponse<String> refused = smsUp(server, query, reply);
                assertThat(refused.statusCode()).as(query + " " + refused.body()).isEqualTo(401);
            }
            assertThat(state(server, subjectId)).isEqualTo("granted");

            HttpResponse<String> td = smsUp(server, "?token=" + ChannelPlatforms.SMS_INBOUND_TOKEN, reply);
            assertThat(td.statusCode()).as(td.body()).isEqualTo(200);
            assertThat(Json.parse(td.body()).getInt("code")).isZero();
            assertThat(state(server, subjectId)).isEqualTo("withdrawn");
            int events = history(server, subjectId);
            HttpResponse<String> replay = smsUp(server, "?token=" + ChannelPlatforms.SMS_INBOUND_TOKEN, reply);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(history(server, subjectId)).isEqualTo(events);

            JsonObject refused = person.send(server, "sms-aliyun");
            assertThat(refused.getBoolean("sent")).isFalse();
            assertThat(refused.getString("reason")).isEqualTo("withdrawn");
            assertThat(ChannelPlatforms.requests(platforms.aliyun, "/")).hasSize(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bodies(platforms.wechat, "/cgi-bin/tags/members/batchuntagging")).anyMatch(b -> b.contains(person.openid));
                assertThat(operations(platforms.douyin)).containsSubsequence(1, 2);
                assertThat(bodies(platforms.tmall, "/router/rest")).anyMatch(b -> b.contains("batchadd") && b.contains(person.ouid));
            });
        }
    }

    @Test
    @DisplayName("MIIT Order 31 and consumer protection: the third SMS in a month for a person capped at 2 is refused with frequency_cap, one in their quiet hours with quiet_hours; of 50 racing sends for the last unit exactly one goes out")
    void send_permits_hold_through_the_gateways(@TempDir Path work) throws Exception {
        try (RunningServer server = configured(work).start()) {
            DistributionIT.defineCatalogue(server, ADMIN);

            Person capped = new Person("13700003333", "oE2e-openid-0003", "ouid-e2e-0003");
            capped.preferences(server, capped.consent(server, "grant", NOTICE), "'channels': {'sms': {'enabled': true, 'maxPerMonth': 2}}");
            assertThat(capped.send(server, "sms-tencent").getBoolean("sent")).isTrue();
            assertThat(capped.send(server, "sms-tencent").getBoolean("sent")).isTrue();
            JsonObject third = capped.send(server, "sms-tencent");
            assertThat(third.getBoolean("sent")).isFalse();
            assertThat(third.getString("reason")).isEqualTo("frequency_cap");
            assertThat(ChannelPlatforms.requests(platforms.tencent, "/")).hasSize(2);

            Person resting = new Person("13700004444", "oE2e-openid-0004", "ouid-e2e-0004");
            LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai"));
            resting.preferences(server, resting.consent(server, "grant", NOTICE), "'quietHours': {'start': '%s', 'end': '%s', 'zone': 'Asia/Shanghai'}"
                    .formatted(now.minusHours(1).withSecond(0).withNano(0).toString().substring(0, 5),
                            now.plusHours(1).withSecond(0).withNano(0).toString().substring(0, 5)));
            JsonObject quiet = resting.send(server, "sms-tencent");
            assertThat(quiet.getBoolean("sent")).isFalse();
            assertThat(quiet.getString("reason")).isEqualTo("quiet_hours");

            Person racing = new Person("13700005555", "oE2e-openid-0005", "ouid-e2e-0005");
            racing.preferences(server, racing.consent(server, "grant", NOTICE), "'channels': {'sms': {'enabled': true, 'maxPerMonth': 1}}");
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                List<Future<JsonObject>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(pool.submit(() -> racing.send(server, "sms-aliyun")));
                }
                int sentCount = 0;
                for (Future<JsonObject> answer : answers) {
                    JsonObject json = answer.get();
                    if (json.getBoolean("sent")) {
                        sentCount++;
                    } else {
                        assertThat(json.getString("reason")).isEqualTo("frequency_cap");
                    }
                }
                assertThat(sentCount).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(ChannelPlatforms.requests(platforms.aliyun, "/")).hasSize(1);
        }
    }

    private static HttpResponse<String> smsUp(RunningServer server, String query, String body) {
        return server.postRaw("/hooks/sms-aliyun/smsup" + query, body, Map.of());
    }

    private static Map<String, String> states(RunningServer server) {
        return Json.parseArray(server.get("/api/v1/connectors", ADMIN).body()).stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("id"), c -> c.getString("state")));
    }

    private static String state(RunningServer server, String subjectId) {
        JsonArray consents = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/consents", ADMIN).body()).getJsonArray("consents");
        return consents.stream().map(JsonValue::asJsonObject).filter(c -> c.getString("purpose").equals(PURPOSE))
                .map(c -> c.getString("state")).findFirst().orElse("none");
    }

    private static int history(RunningServer server, String subjectId) {
        return Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).body()).getJsonArray("events").size();
    }

    private static List<String> bodies(WireMockServer platform, String path) {
        return ChannelPlatforms.requests(platform, path).stream().map(r -> r.getBodyAsString() + "?" + r.getUrl()).toList();
    }

    /** The operation_type of each data-source update Ocean Engine received, in order (1 add, 2 delete). */
    private static List<Integer> operations(WireMockServer douyin) {
        return ChannelPlatforms.requests(douyin, "/open_api/2/dmp/data_source/update/").stream()
                .map(LoggedRequest::getBodyAsString).map(Json::parse).map(b -> b.getInt("operation_type")).toList();
    }

    /** A person known by phone, WeChat openid (of the configured app) and Tmall ouid. */
    private record Person(String phone, String openid, String ouid) {

        String consent(RunningServer server, String action, String details) {
            HttpResponse<String> recorded = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'},
                                                  {'type': 'wechat_openid', 'value': '%s', 'scope': '%s'},
                                                  {'type': 'tmall_ouid', 'value': '%s'}]},
                      'purpose': '%s', 'action': '%s', %s }""".formatted(phone, openid, ChannelPlatforms.WECHAT_APP_ID, ouid, PURPOSE,
                    action, details)));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            return Json.parse(recorded.body()).getString("subjectId");
        }

        void preferences(RunningServer server, String subjectId, String json) {
            HttpResponse<String> put = server.put("/api/v1/subjects/" + subjectId + "/preferences", ADMIN, Json.of("{ " + json + " }"));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }

        JsonObject send(RunningServer server, String gateway) {
            HttpResponse<String> answer = server.post("/api/v1/connectors/" + gateway + "/messages", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'parameters': {'1': '双十二'} }"""
                    .formatted(phone, PURPOSE)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return Json.parse(answer.body());
        }
    }
}
