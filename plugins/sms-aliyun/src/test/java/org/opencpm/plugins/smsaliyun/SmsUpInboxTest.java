package org.opencpm.plugins.smsaliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.plugins.smsaliyun.Fixtures.TOKEN;
import static org.opencpm.plugins.smsaliyun.Fixtures.push;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.CallbackEvent;
import org.opencpm.connectors.testkit.CallbackResult;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.ConnectorKit;

/**
 * The SmsUp inbox: the handler's commands read directly, and the host's view of them through the
 * harness (ids, refusals, the answer Alibaba Cloud gets).
 */
class SmsUpInboxTest {

    @RegisterExtension
    static ConnectorKit kit = kit();

    /**
     * The sample push of Alibaba Cloud's SmsUp page (短信服务 › 开发参考 › 回执消息 › HTTP批量推送模式 › SmsUp,
     * https://help.aliyun.com/zh/sms/developer-reference/smsup-http), as published: the documentation masks
     * the number's last digits and replies "内容", which is no unsubscribe.
     */
    static final String DOCUMENTED_SAMPLE = """
            [
              {
                "phone_number" : "1381111****",
                "content" : "内容",
                "send_time" : "2017-09-01 00:00:00",
                "dest_code" : "1234",
                "sequence_id" : "1234567890"
              }
            ]""";

    /** The older page's sample (knowledge_detail/60127): with sign_name, and sequence_id a number. */
    static final String OLDER_DOCUMENTED_SAMPLE = """
            [ { "phone_number" : "1381111****", "send_time" : "2017-09-01 00:00:00", "content" : "内容", "sign_name" : "签名",
                "dest_code" : "1234", "sequence_id" : 1234567890 } ]""";

    private static ConnectorKit kit() {
        ConnectorKit kit = ConnectorKit.of(SmsAliyunConnector::new);
        Fixtures.CONFIG.forEach(kit::config);
        return kit;
    }

    private static InboundResponse handle(InboundRequest request) {
        return new SmsAliyunConnector().inbound(Fixtures.context("http://127.0.0.1:1", Map.of())).orElseThrow().handle(request);
    }

    /** The documented sample with a full number and the reply {@code content}. */
    private static String reply(String sequenceId, String phone, String content) {
        return "{\"phone_number\":\"" + phone + "\",\"content\":\"" + content + "\",\"send_time\":\"2017-09-01 00:00:00\","
                + "\"dest_code\":\"1234\",\"sequence_id\":\"" + sequenceId + "\"}";
    }

    @Test
    @DisplayName("Both documented sample pushes are read, record nothing (\"内容\" is no unsubscribe) and are answered {\"code\":0}")
    void the_documented_samples_record_nothing_and_are_answered_as_received() {
        for (String sample : List.of(DOCUMENTED_SAMPLE, OLDER_DOCUMENTED_SAMPLE)) {
            InboundResponse response = handle(push(sample, TOKEN));
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
            assertThat(response.commands()).isEmpty();
        }
    }

    @Test
    @DisplayName("An unsubscribe reply withdraws the unsubscribe purposes for its number (E.164), by SMS reply, as event sequence_id, at send_time (Beijing)")
    void an_unsubscribe_reply_withdraws_the_marketing_purposes() {
        InboundResponse response = handle(push(DOCUMENTED_SAMPLE.replace("1381111****", "13811112222").replace("内容", "TD"), TOKEN));

        assertThat(response.commands()).singleElement().satisfies(command -> {
            assertThat(command.action()).isEqualTo("withdraw");
            assertThat(command.identifiers()).containsExactly(SubjectIdentifier.of("phone", "+8613811112222"));
            assertThat(command.purposes()).containsExactly("marketing-sms");
            assertThat(command.channel()).isEqualTo("sms");
            assertThat(command.method()).isEqualTo("sms_reply");
            assertThat(command.evidence()).contains("TD");
            assertThat(command.occurredAt()).contains(Instant.parse("2017-08-31T16:00:00Z"));
            assertThat(command.idempotencyKey()).contains("1234567890");
        });
    }

    @ParameterizedTest(name = "\"{0}\" unsubscribes")
    @ValueSource(strings = {"TD", "退订", "ＴＤ", "td。", " t ", "R"})
    @DisplayName("Unsubscribe replies, in any width, case or trailing punctuation")
    void unsubscribe_replies_withdraw(String text) {
        assertThat(handle(push("[" + reply("77", "13800138000", text) + "]", TOKEN)).commands()).hasSize(1);
    }

    @ParameterizedTest(name = "\"{0}\" records nothing")
    @ValueSource(strings = {"TD shoes", "I want TD", "内容", "好的，谢谢", "退订了吗？不"})
    @DisplayName("A reply that only contains a keyword, or none, records nothing and is answered as received")
    void other_replies_record_nothing(String text) {
        InboundResponse response = handle(push("[" + reply("78", "13800138000", text) + "]", TOKEN));
        assertThat(response.commands()).isEmpty();
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("The keywords come from unsubscribeKeywords when it is set")
    void the_keywords_are_configurable() {
        InboundResponse response = new SmsAliyunConnector().inbound(Fixtures.context("http://127.0.0.1:1",
                        Map.of("unsubscribeKeywords", "QX,取消"))).orElseThrow()
                .handle(push("[" + reply("1", "13800138000", "取消") + "," + reply("2", "13800138000", "TD") + "]", TOKEN));
        assertThat(response.commands()).extracting(c -> c.idempotencyKey().orElseThrow()).containsExactly("1");
    }

    @Test
    @DisplayName("A push of several replies withdraws for each unsubscribe, each under its own sequence_id; numbers in any documented form become E.164")
    void each_reply_of_a_push_is_its_own_event() {
        String body = "[" + reply("101", "8613800138000", "TD") + "," + reply("102", "13900139000", "好的") + ","
                + reply("103", "+86 139-0013-9000", "退订") + "," + reply("104", "0086 13700137000", "N") + "]";
        List<ConsentCommand> commands = handle(push(body, TOKEN)).commands();
        assertThat(commands).extracting(c -> c.idempotencyKey().orElseThrow()).containsExactly("101", "103", "104");
        assertThat(commands).extracting(c -> c.identifiers().get(0).value())
                .containsExactly("+8613800138000", "+8613900139000", "+8613700137000");
    }

    @Test
    @DisplayName("A send_time in no documented form leaves occurredAt to the host (when it records the reply); the compact old form is read")
    void send_times_are_read_in_their_documented_forms() {
        String odd = "[{\"phone_number\":\"13800138000\",\"content\":\"TD\",\"send_time\":\"01/09/2017\",\"sequence_id\":\"9\"}]";
        assertThat(handle(push(odd, TOKEN)).commands().get(0).occurredAt()).isEmpty();
        String compact = odd.replace("01/09/2017", "20170901083000");
        assertThat(handle(push(compact, TOKEN)).commands().get(0).occurredAt()).contains(Instant.parse("2017-09-01T00:30:00Z"));
    }

    @Test
    @DisplayName("A wrong or missing token gets 401 and records nothing, through the host too")
    void a_wrong_or_missing_token_is_unauthorized(ConnectorHarness harness) {
        String body = "[" + reply("201", "13800138000", "TD") + "]";
        for (InboundRequest request : List.of(push(body, "inb-guess"), push(body, null), push(body, TOKEN + "x"), push(body, ""))) {
            InboundResponse response = handle(request);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.commands()).isEmpty();
            assertThat(harness.callback(request).orElseThrow().events()).isEmpty();
        }
    }

    @Test
    @DisplayName("A push sent again carries the same event ids (the host records each once: a replay records nothing) and is answered as received")
    void a_replayed_push_carries_the_same_ids(ConnectorHarness harness) {
        InboundRequest request = push("[" + reply("301", "13800138000", "TD") + "," + reply("302", "13900139000", "退订") + "]", TOKEN);
        CallbackResult first = harness.callback(request).orElseThrow();
        CallbackResult again = harness.callback(request).orElseThrow();

        assertThat(first.events()).extracting(CallbackEvent::eventId).containsExactly(Optional.of("301"), Optional.of("302"));
        assertThat(first.events()).noneMatch(CallbackEvent::refused);
        assertThat(again.events()).extracting(CallbackEvent::idempotencyKey)
                .isEqualTo(first.events().stream().map(CallbackEvent::idempotencyKey).toList());
        InboundResponse duplicates = again.answer(outcomes(again, EventOutcome.Kind.DUPLICATE));
        assertThat(duplicates.status()).isEqualTo(200);
        assertThat(new String(duplicates.body(), StandardCharsets.UTF_8)).isEqualTo(SmsUpInbox.RECEIVED);
        assertThat(harness.leaks(Fixtures.SECRETS)).as("the token in a log line").isFalse();
    }

    @Test
    @DisplayName("The answer follows what was recorded: {\"code\":0} with 200 when taken, 503 when recording failed (Alibaba Cloud pushes again)")
    void the_answer_follows_what_was_recorded(ConnectorHarness harness) {
        CallbackResult result = harness.callback(push("[" + reply("401", "13800138000", "TD") + "]", TOKEN)).orElseThrow();

        InboundResponse recorded = result.answer(outcomes(result, EventOutcome.Kind.RECORDED));
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(new String(recorded.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
        InboundResponse failed = result.answer(outcomes(result, EventOutcome.Kind.FAILED));
        assertThat(failed.status()).isEqualTo(503);
        assertThat(new String(failed.body(), StandardCharsets.UTF_8)).doesNotContain("\"code\":0");
    }

    @Test
    @DisplayName("A reply from something that is no phone number is refused by the host (that event only); the others of the push are recorded")
    void a_sender_that_is_no_phone_is_refused_alone(ConnectorHarness harness) {
        CallbackResult result = harness.callback(push("[" + reply("501", "106900001234", "TD") + "," + reply("502", "13800138000", "TD")
                + "]", TOKEN)).orElseThrow();

        assertThat(result.events().get(0).refusalCode()).contains("invalid-value");
        assertThat(result.events().get(0).refusalReason()).hasValueSatisfying(reason -> assertThat(reason).doesNotContain("106900001234"));
        assertThat(result.events().get(1).refused()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "not json", "[1]", "[] []", "[{\"phone_number\":\"13800138000\",\"content\":\"TD\"}]",
            "[{\"phone_number\":\"13800138000\",\"content\":\"  \",\"sequence_id\":\"1\"}]",
            "[{\"content\":\"TD\",\"sequence_id\":\"1\"}]", "[{\"phone_number\":\"13800138000\",\"content\":\"TD\",\"sequence_id\":1.5}]",
            "[{\"phone_number\":\"13800138000\",\"phone_number\":\"13900139000\",\"content\":\"TD\",\"sequence_id\":\"1\"}]"})
    @DisplayName("A body that is no SmsUp push gets 400 and records nothing")
    void a_malformed_push_gets_400(String body) {
        InboundResponse response = handle(push(body, TOKEN));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.commands()).isEmpty();
    }

    @Test
    @DisplayName("A body that is not UTF-8 gets 400; another path 404; another method 405")
    void other_requests_are_refused() {
        InboundRequest latin1 = new InboundRequest("smsup", "POST", Map.of("token", List.of(TOKEN)), Map.of(),
                ("[" + reply("1", "13800138000", "TD") + "]").replace("TD", "TD\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(handle(latin1).status()).isEqualTo(400);
        InboundRequest elsewhere = new InboundRequest("report", "POST", Map.of("token", List.of(TOKEN)), Map.of(), "[]".getBytes());
        assertThat(handle(elsewhere).status()).isEqualTo(404);
        InboundRequest get = new InboundRequest("smsup", "GET", Map.of("token", List.of(TOKEN)), Map.of(), new byte[0]);
        assertThat(handle(get).status()).isEqualTo(405);
    }

    @Test
    @DisplayName("Without unsubscribePurposes the connector's purposes are withdrawn; with neither it refuses to start, naming both keys")
    void the_unsubscribe_purposes_must_be_said() {
        InboundResponse byPurposes = new SmsAliyunConnector().inbound(Fixtures.context("http://127.0.0.1:1",
                        Map.of("unsubscribePurposes", "", "purposes", "marketing-sms, marketing-wechat"))).orElseThrow()
                .handle(push("[" + reply("1", "13800138000", "TD") + "]", TOKEN));
        assertThat(byPurposes.commands().get(0).purposes()).containsExactly("marketing-sms", "marketing-wechat");

        ConnectorHarness.Builder neither = ConnectorHarness.of(new SmsAliyunConnector());
        Fixtures.CONFIG.entrySet().stream().filter(e -> !e.getKey().equals(SmsAliyunConnector.UNSUBSCRIBE_PURPOSES))
                .forEach(e -> neither.config(e.getKey(), e.getValue()));
        assertThatThrownBy(neither::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'unsubscribePurposes'").hasMessageContaining("'purposes'");
    }

    @Test
    @DisplayName("A timeout out of range or a baseUrl that is no endpoint keeps the connector from starting, naming the key")
    void bad_values_fail_the_start() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("timeoutMillis", "0"), Map.entry("timeoutMillis", "soon"),
                Map.entry("baseUrl", "dysmsapi.aliyuncs.com"))) {
            ConnectorHarness.Builder builder = ConnectorHarness.of(new SmsAliyunConnector());
            Fixtures.CONFIG.forEach(builder::config);
            builder.config(bad.getKey(), bad.getValue());
            assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("'" + bad.getKey() + "'");
        }
    }

    /** Review finding: the token is all that authenticates a push (Alibaba Cloud signs nothing), so it must not be guessable. */
    @Test
    @DisplayName("An inboundToken shorter than 32 characters keeps the connector from starting, naming the key (the token is the push's only proof)")
    void a_short_inbound_token_refuses_the_start() {
        String shortToken = TOKEN.substring(0, 31);
        ConnectorHarness.Builder builder = ConnectorHarness.of(new SmsAliyunConnector());
        Fixtures.CONFIG.forEach(builder::config);
        builder.config(SmsAliyunConnector.INBOUND_TOKEN, shortToken);
        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'inboundToken'").hasMessageContaining("32").hasMessageNotContaining(shortToken);
        ConnectorHarness.Builder exact = ConnectorHarness.of(new SmsAliyunConnector());
        Fixtures.CONFIG.forEach(exact::config);
        try (ConnectorHarness started = exact.config(SmsAliyunConnector.INBOUND_TOKEN, TOKEN.substring(0, 32)).start()) {
            assertThat(started).isNotNull();
        }
    }

    private static List<EventOutcome> outcomes(CallbackResult result, EventOutcome.Kind kind) {
        return result.events().stream().map(e -> new EventOutcome(e.index(), e.eventId(), kind, Optional.empty(), Optional.empty())).toList();
    }
}
