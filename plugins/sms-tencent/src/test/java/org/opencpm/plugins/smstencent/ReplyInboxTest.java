package org.opencpm.plugins.smstencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.CallbackEvent;
import org.opencpm.connectors.testkit.CallbackResult;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.ConnectorKit;

/** The unsubscribe inbox: Tencent's reply callback, through the host and on its own. */
class ReplyInboxTest {

    static final String TOKEN = SmsSenderTest.TOKEN;

    /**
     * The request example of "短信回复" (SMS reply callback) in Tencent's SMS docs
     * (https://cloud.tencent.com/document/product/382/5809, https://www.tencentcloud.com/document/product/382/43548),
     * verbatim: its text is no unsubscribe, and its mobile a placeholder.
     */
    static final String DOCUMENTED_REPLY = """
            {
              "extend": "扩展码",
              "mobile": "13xxxxxxxxx",
              "nationcode": "86",
              "sign": "短信签名",
              "text": "用户回复的内容",
              "time": 1457336869
            }""";

    /** The documented example with a real-looking number and the reply "TD". */
    static final String TD_REPLY = DOCUMENTED_REPLY.replace("13xxxxxxxxx", "13800138000").replace("用户回复的内容", "TD");

    static Map<String, String> config() {
        return Map.of("secretId", SmsSenderTest.SECRET_ID, "secretKey", SmsSenderTest.SECRET_KEY, "sdkAppId", "1400006666",
                "signName", "腾讯云", "templateId", "1110", "inboundToken", TOKEN, "purposes", "marketing-sms");
    }

    @RegisterExtension
    static ConnectorKit kit = kit();

    private static ConnectorKit kit() {
        ConnectorKit kit = ConnectorKit.of(SmsTencentConnector::new);
        config().forEach(kit::config);
        return kit;
    }

    static InboundRequest reply(String body, String token) {
        return reply(body.getBytes(StandardCharsets.UTF_8), token);
    }

    static InboundRequest reply(byte[] body, String token) {
        Map<String, List<String>> query = token == null ? Map.of() : Map.of("token", List.of(token));
        return new InboundRequest("reply", "POST", query, Map.of("Content-Type", List.of("application/json")), body);
    }

    private static ReplyInbox inbox(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(config());
        config.putAll(overrides);
        return new ReplyInbox(SmsTencentSettings.of(new ConnectorConfig(config, Set.of("secretKey", "inboundToken"))));
    }

    private static String body(InboundResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("The documented reply callback, verbatim, is no unsubscribe: nothing recorded, Tencent answered {\"result\":0,\"errmsg\":\"OK\"}")
    void the_documented_example_records_nothing(ConnectorHarness harness) {
        CallbackResult result = harness.callback(reply(DOCUMENTED_REPLY.replace("13xxxxxxxxx", "13800138000"), TOKEN)).orElseThrow();
        assertThat(result.events()).isEmpty();
        InboundResponse answer = result.answer(List.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"result\":0,\"errmsg\":\"OK\"}");
    }

    @Test
    @DisplayName("A \"TD\" reply withdraws the configured purposes for +86 and the mobile, by SMS reply, the text as evidence, at the reply's time")
    void a_td_reply_withdraws_marketing_sms() {
        InboundResponse response = inbox(Map.of()).handle(reply(TD_REPLY, TOKEN));
        assertThat(response.commands()).singleElement().satisfies(command -> {
            assertThat(command.action()).isEqualTo("withdraw");
            assertThat(command.identifiers()).containsExactly(SubjectIdentifier.of("phone", "+8613800138000"));
            assertThat(command.purposes()).containsExactly("marketing-sms");
            assertThat(command.channel()).isEqualTo("sms");
            assertThat(command.method()).isEqualTo("sms_reply");
            assertThat(command.evidence()).contains("TD");
            assertThat(command.occurredAt()).contains(Instant.ofEpochSecond(1457336869));
            assertThat(command.idempotencyKey()).hasValueSatisfying(id -> assertThat(id).matches("reply-[0-9a-f]{64}"));
        });
    }

    @Test
    @DisplayName("Through the host, the same reply sent again carries the same id (recorded once), and Tencent is answered OK for recorded and duplicate alike")
    void a_replayed_reply_records_nothing_new(ConnectorHarness harness) {
        CallbackResult first = harness.callback(reply(TD_REPLY, TOKEN)).orElseThrow();
        CallbackResult again = harness.callback(reply(TD_REPLY, TOKEN)).orElseThrow();
        assertThat(first.events()).singleElement().satisfies(event -> {
            assertThat(event.refused()).isFalse();
            assertThat(event.idempotencyKey()).hasValueSatisfying(key -> assertThat(key).startsWith("connector:sms-tencent:reply-"));
        });
        assertThat(again.events()).extracting(CallbackEvent::idempotencyKey)
                .isEqualTo(first.events().stream().map(CallbackEvent::idempotencyKey).toList());

        Optional<String> id = first.events().get(0).eventId();
        for (EventOutcome.Kind kind : List.of(EventOutcome.Kind.RECORDED, EventOutcome.Kind.DUPLICATE)) {
            InboundResponse answer = first.answer(List.of(new EventOutcome(0, id, kind, Optional.empty(), Optional.empty())));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(ReplyInbox.OK);
        }
        InboundResponse failed = first.answer(List.of(new EventOutcome(0, id, EventOutcome.Kind.FAILED, Optional.empty(), Optional.empty())));
        assertThat(failed.status()).as("not recorded: Tencent may send it again").isEqualTo(503);
        assertThat(new String(failed.body(), StandardCharsets.UTF_8)).startsWith("{\"result\":1,");
        InboundResponse refused = first.answer(List.of(new EventOutcome(0, id, EventOutcome.Kind.REFUSED, Optional.of("purpose-not-found"),
                Optional.of("no such purpose"))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("purpose-not-found");
    }

    @Test
    @DisplayName("A reply at another second, or with another text, is another event")
    void other_replies_are_other_events() {
        ReplyInbox inbox = inbox(Map.of());
        String id = inbox.handle(reply(TD_REPLY, TOKEN)).commands().get(0).idempotencyKey().orElseThrow();
        assertThat(inbox.handle(reply(TD_REPLY.replace("1457336869", "1457336870"), TOKEN)).commands().get(0).idempotencyKey()).isNotEqualTo(Optional.of(id));
        assertThat(inbox.handle(reply(TD_REPLY.replace("\"TD\"", "\"T\""), TOKEN)).commands().get(0).idempotencyKey()).isNotEqualTo(Optional.of(id));
        assertThat(inbox.handle(reply(TD_REPLY.replace("13800138000", "13800138001"), TOKEN)).commands().get(0).idempotencyKey())
                .isNotEqualTo(Optional.of(id));
    }

    @Test
    @DisplayName("A wrong or missing token is 401 and records nothing, even for an unsubscribe")
    void a_wrong_token_is_refused() {
        for (String token : new String[] {null, "", "reply-token-7c1e5b2a9f04d6b38e51c0a8", TOKEN + "x"}) {
            InboundResponse response = inbox(Map.of()).handle(reply(TD_REPLY, token));
            assertThat(response.status()).as("token %s", token).isEqualTo(401);
            assertThat(response.commands()).isEmpty();
            assertThat(response.answer()).isEmpty();
            assertThat(body(response)).doesNotContain(TOKEN);
        }
    }

    @Test
    @DisplayName("Through the host, a wrong token gets 401 and no event")
    void a_wrong_token_through_the_host(ConnectorHarness harness) {
        CallbackResult result = harness.callback(reply(TD_REPLY, "guess")).orElseThrow();
        assertThat(result.events()).isEmpty();
        assertThat(result.answer(List.of()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("The default keywords (UnsubscribeKeywords): T, TD, 退订, N, R in any width, case or trailing punctuation unsubscribe; a sentence containing one does not")
    void default_keywords_decide() {
        ReplyInbox inbox = inbox(Map.of());
        for (String text : List.of("T", "td", "退订", "ＴＤ", "R。", " n ", "TD!")) {
            assertThat(inbox.handle(reply(TD_REPLY.replace("\"TD\"", quote(text)), TOKEN)).commands()).as(text).hasSize(1);
        }
        for (String text : List.of("I want TD shoes", "谢谢", "", "退订了吗？我想继续收到")) {
            InboundResponse response = inbox.handle(reply(TD_REPLY.replace("\"TD\"", quote(text)), TOKEN));
            assertThat(response.commands()).as(text).isEmpty();
            assertThat(response.status()).isEqualTo(200);
            assertThat(body(response)).isEqualTo(ReplyInbox.OK);
        }
    }

    @Test
    @DisplayName("unsubscribeKeywords replaces the defaults; unsubscribePurposes replaces purposes as what a reply withdraws")
    void configured_keywords_and_purposes() {
        ReplyInbox inbox = inbox(Map.of("unsubscribeKeywords", "STOP, 取消", "unsubscribePurposes", "marketing-sms, promotions-sms"));
        assertThat(inbox.handle(reply(TD_REPLY, TOKEN)).commands()).isEmpty();
        List<ConsentCommand> stop = inbox.handle(reply(TD_REPLY.replace("\"TD\"", "\"stop\""), TOKEN)).commands();
        assertThat(stop).singleElement().satisfies(c -> assertThat(c.purposes()).containsExactly("marketing-sms", "promotions-sms"));
        assertThat(inbox.handle(reply(TD_REPLY.replace("\"TD\"", "\"取消\""), TOKEN)).commands()).hasSize(1);
    }

    @Test
    @DisplayName("Without unsubscribePurposes and purposes the connector does not start, and says which keys to set")
    void no_purposes_no_start() {
        assertThatThrownBy(() -> ConnectorHarness.of(new SmsTencentConnector()).config("secretId", "AKIDx").config("secretKey", "k")
                .config("sdkAppId", "1400006666").config("signName", "腾讯云").config("inboundToken", TOKEN).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unsubscribePurposes").hasMessageContaining("purposes");
    }

    /** Review finding: the token is all that authenticates a reply (Tencent signs nothing), so it must not be guessable. */
    @Test
    @DisplayName("An inboundToken shorter than 32 characters keeps the connector from starting, naming the key (the token is the callback's only proof)")
    void a_short_inbound_token_refuses_the_start() {
        String shortToken = TOKEN.substring(0, 31);
        assertThatThrownBy(() -> inbox(Map.of("inboundToken", shortToken))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'inboundToken'").hasMessageContaining("32").hasMessageNotContaining(shortToken);
        ConnectorHarness.Builder builder = ConnectorHarness.of(new SmsTencentConnector());
        config().forEach(builder::config);
        assertThatThrownBy(builder.config("inboundToken", shortToken)::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'inboundToken'");
        assertThat(inbox(Map.of("inboundToken", TOKEN.substring(0, 32)))).isNotNull();
    }

    @Test
    @DisplayName("Phones: nationcode and mobile become E.164; a mainland mobile must have its 11 digits; the 86 may be repeated in the mobile")
    void phones_become_e164() {
        ReplyInbox inbox = inbox(Map.of());
        Map<String, String> forms = Map.of(
                "\"nationcode\": \"86\", \"mobile\": \"13800138000\"", "+8613800138000",
                "\"nationcode\": 86, \"mobile\": \"13800138000\"", "+8613800138000",
                "\"nationcode\": \"+86\", \"mobile\": \"8613800138000\"", "+8613800138000",
                "\"nationcode\": \"86\", \"mobile\": \"+8613800138000\"", "+8613800138000",
                "\"nationcode\": \"852\", \"mobile\": \"61234567\"", "+85261234567");
        forms.forEach((fields, phone) -> {
            String body = "{" + fields + ", \"sign\": \"腾讯云\", \"text\": \"TD\", \"time\": 1457336869}";
            assertThat(inbox.handle(reply(body, TOKEN)).commands()).as(fields).singleElement()
                    .satisfies(c -> assertThat(c.identifiers().get(0).value()).isEqualTo(phone));
        });
    }

    @Test
    @DisplayName("A reply shows no phone in its toString")
    void a_reply_hides_its_phone() throws Exception {
        assertThat(ReplyInbox.replies(TD_REPLY.getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(reply -> assertThat(reply.toString()).doesNotContain("13800138000").contains("TD"));
    }

    @Test
    @DisplayName("A body that is no reply is 400 and records nothing: not JSON, data after it, a repeated key, not UTF-8, a field missing, a mobile that is no phone, a bad time")
    void malformed_bodies_are_400() {
        ReplyInbox inbox = inbox(Map.of());
        List<String> bodies = List.of("not json", TD_REPLY + TD_REPLY, TD_REPLY.replace("\"text\": \"TD\"", "\"text\": \"TD\", \"text\": \"hi\""),
                TD_REPLY.replace("\"mobile\": \"13800138000\",", ""), TD_REPLY.replace("13800138000", "12"),
                TD_REPLY.replace("13800138000", "23800138000"), TD_REPLY.replace("\"86\"", "\"abc\""),
                TD_REPLY.replace("1457336869", "\"yesterday\""), TD_REPLY.replace("\"TD\"", "7"), "[" + TD_REPLY + ", 5]", "");
        for (String body : bodies) {
            InboundResponse response = inbox.handle(reply(body, TOKEN));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.commands()).isEmpty();
            assertThat(body(response)).startsWith("{\"result\":1,").doesNotContain("13800138000");
        }
        byte[] gbk = TD_REPLY.replace("\"TD\"", "\"退订\"").getBytes(Charset.forName("GBK"));
        assertThat(inbox.handle(reply(gbk, TOKEN)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("An array of replies is taken reply by reply: the unsubscribes are recorded, the rest ignored")
    void an_array_of_replies() {
        String body = "[" + TD_REPLY + "," + DOCUMENTED_REPLY.replace("13xxxxxxxxx", "13800138001") + ","
                + TD_REPLY.replace("13800138000", "13800138002").replace("\"TD\"", "\"退订\"") + "]";
        assertThat(inbox(Map.of()).handle(reply(body, TOKEN)).commands()).extracting(c -> c.identifiers().get(0).value())
                .containsExactly("+8613800138000", "+8613800138002");
    }

    @Test
    @DisplayName("Only POST /hooks/sms-tencent/reply is a reply")
    void other_paths_are_404() {
        InboundRequest get = new InboundRequest("reply", "GET", Map.of("token", List.of(TOKEN)), Map.of(), new byte[0]);
        assertThat(inbox(Map.of()).handle(get).status()).isEqualTo(404);
        InboundRequest other = new InboundRequest("status", "POST", Map.of("token", List.of(TOKEN)), Map.of(), TD_REPLY.getBytes(StandardCharsets.UTF_8));
        assertThat(inbox(Map.of()).handle(other).status()).isEqualTo(404);
    }

    private static String quote(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
