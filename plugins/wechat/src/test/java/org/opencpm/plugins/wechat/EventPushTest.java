package org.opencpm.plugins.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.CallbackResult;
import org.opencpm.connectors.testkit.ConnectorHarness;

/** WeChat's signed event push: the handshake, unsubscribe, subscribe-message choices, and what is refused. */
class EventPushTest {

    static final String TIMESTAMP = "1733284801";
    static final String NONCE = "83410752";
    static final String OPENID = "otFpruAK8D-E6EfStSYonYSBZ8_4";
    static final String ACCEPTED = "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc";
    static final String REJECTED = "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI";

    /**
     * WeChat's example of a subscribe-message pop-up push, as published in "订阅通知的事件推送"
     * (https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html).
     */
    static final String POPUP_EXAMPLE = """
            <xml>
                <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
                <FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
                <CreateTime>1610969440</CreateTime>
                <MsgType><![CDATA[event]]></MsgType>
                <Event><![CDATA[subscribe_msg_popup_event]]></Event>
                <SubscribeMsgPopupEvent>
                    <List>
                        <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
                        <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
                        <PopupScene>2</PopupScene>
                    </List>
                    <List>
                        <TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
                        <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
                        <PopupScene>2</PopupScene>
                    </List>
                </SubscribeMsgPopupEvent>
            </xml>""";

    static String unsubscribe(String openid, long createTime) {
        return "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event></xml>";
    }

    /** A push of one subscribe-message choice: {@code event} is subscribe_msg_popup_event or subscribe_msg_change_event. */
    static String choice(String event, String templateId, String status, long createTime) {
        String list = event.equals("subscribe_msg_popup_event") ? "SubscribeMsgPopupEvent" : "SubscribeMsgChangeEvent";
        return "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[" + OPENID + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + "<" + list + "><List><TemplateId><![CDATA[" + templateId + "]]></TemplateId><SubscribeStatusString><![CDATA[" + status
                + "]]></SubscribeStatusString></List></" + list + "></xml>";
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(Map.of("appId", FakeWeChat.APP_ID, "appSecret", FakeWeChat.APP_SECRET,
                "token", FakeWeChat.PUSH_TOKEN, "purposes", "marketing-wechat,newsletter",
                "template." + ACCEPTED, "order-updates", "template." + REJECTED, "event-reminders", "subscribeNotice", "mp-subscribe:3"));
        return config;
    }

    /** The server's clock in these tests: 30 s after the pushes' timestamp. */
    static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP) + 30), java.time.ZoneOffset.UTC);

    private static InboundHandler handler(Map<String, String> config) {
        return handler(config, NOW);
    }

    private static InboundHandler handler(Map<String, String> config, Clock clock) {
        ConnectorConfig values = ConnectorConfig.of(config);
        WeChatConnector connector = new WeChatConnector();
        return connector.inbound(new ConnectorContext() {
            @Override
            public ConnectorDescriptor descriptor() {
                return connector.descriptor();
            }

            @Override
            public ConnectorConfig config() {
                return values;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        }).orElseThrow();
    }

    static InboundRequest push(String method, String body, String signature, Map<String, String> extraQuery) {
        Map<String, List<String>> query = new HashMap<>();
        query.put("signature", List.of(signature));
        query.put("timestamp", List.of(TIMESTAMP));
        query.put("nonce", List.of(NONCE));
        extraQuery.forEach((k, v) -> query.put(k, List.of(v)));
        return new InboundRequest("events", method, query, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    static InboundRequest signedPost(String body) {
        return push("POST", body, FakeWeChat.sign(FakeWeChat.PUSH_TOKEN, TIMESTAMP, NONCE), Map.of());
    }

    private static String text(InboundResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Published example: token 'test', timestamp 1410685589, nonce 'test' sign as f21891de…a443ff, and that handshake is answered its echostr")
    void the_published_signature_example_holds() {
        // The example of wechatpy's test suite (wechatpy/wechatpy, tests/test_utils.py, test_check_signature_should_ok),
        // computed by the algorithm WeChat documents in "接入概述" (sha1 of token, timestamp, nonce sorted and joined).
        assertThat(PushSignature.of("test", "1410685589", "test")).isEqualTo("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff");
        Map<String, String> config = config();
        config.put("token", "test");
        InboundRequest handshake = new InboundRequest("events", "GET", Map.of("signature", List.of("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff"),
                "timestamp", List.of("1410685589"), "nonce", List.of("test"), "echostr", List.of("5838479218127813673")), Map.of(), new byte[0]);

        InboundResponse answer = handler(config, Clock.fixed(Instant.ofEpochSecond(1410685589), java.time.ZoneOffset.UTC)).handle(handshake);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(text(answer)).isEqualTo("5838479218127813673");
        assertThat(answer.commands()).isEmpty();
    }

    @Test
    @DisplayName("A handshake or a push whose signature does not match is refused with 401, nothing recorded")
    void a_bad_signature_is_refused() {
        InboundHandler handler = handler(config());
        String forged = FakeWeChat.sign("not-the-token", TIMESTAMP, NONCE);
        InboundResponse get = handler.handle(push("GET", "", forged, Map.of("echostr", "123")));
        InboundResponse post = handler.handle(push("POST", unsubscribe(OPENID, 1733284800), forged, Map.of()));
        InboundResponse unsigned = handler.handle(new InboundRequest("events", "POST", Map.of(), Map.of(),
                unsubscribe(OPENID, 1733284800).getBytes(StandardCharsets.UTF_8)));

        for (InboundResponse answer : List.of(get, post, unsigned)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.commands()).isEmpty();
            assertThat(answer.answer()).isEmpty();
        }
        assertThat(text(get)).doesNotContain("123");
    }

    @Test
    @DisplayName("A correctly signed push whose timestamp is more than signatureWindowSeconds (300) from now is refused with 401: the"
            + " signature covers no body, so a signed query seen once must not carry other bodies for ever")
    void a_stale_timestamp_is_refused() {
        Clock later = Clock.offset(NOW, java.time.Duration.ofSeconds(300 - 30 + 1));
        InboundResponse stale = handler(config(), later).handle(signedPost(unsubscribe(OPENID, 1733284800)));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.commands()).isEmpty();

        Clock justInTime = Clock.offset(NOW, java.time.Duration.ofSeconds(300 - 30));
        assertThat(handler(config(), justInTime).handle(signedPost(unsubscribe(OPENID, 1733284800))).commands()).hasSize(1);
        Map<String, String> anyAge = config();
        anyAge.put("signatureWindowSeconds", "0");
        assertThat(handler(anyAge, later).handle(signedPost(unsubscribe(OPENID, 1733284800))).commands()).hasSize(1);
    }

    @Test
    @DisplayName("unsubscribe withdraws every purpose the connector keeps, for the openid in this app, with WeChat's identity of the push as id")
    void unsubscribe_withdraws_the_connectors_purposes() {
        InboundResponse answer = handler(config()).handle(signedPost(unsubscribe(OPENID, 1733284800)));

        assertThat(answer.commands()).singleElement().satisfies(command -> {
            assertThat(command.action()).isEqualTo("withdraw");
            assertThat(command.purposes()).containsExactly("marketing-wechat", "newsletter");
            assertThat(command.identifiers()).containsExactly(SubjectIdentifier.scoped(org.opencpm.connectors.api.IdentifierType.WECHAT_OPENID,
                    OPENID, FakeWeChat.APP_ID));
            assertThat(command.channel()).isEqualTo("wechat");
            assertThat(command.occurredAt()).contains(Instant.ofEpochSecond(1733284800));
            assertThat(command.idempotencyKey()).hasValueSatisfying(id -> assertThat(id).startsWith("wx-").doesNotContain(OPENID));
        });
    }

    @Test
    @DisplayName("WeChat's retry of a push (same openid, CreateTime, event) carries the same event id; another push another id")
    void a_retried_push_has_the_same_event_id() {
        InboundHandler handler = handler(config());
        Optional<String> first = handler.handle(signedPost(unsubscribe(OPENID, 1733284800))).commands().get(0).idempotencyKey();
        Optional<String> retry = handler.handle(signedPost(unsubscribe(OPENID, 1733284800))).commands().get(0).idempotencyKey();
        Optional<String> later = handler.handle(signedPost(unsubscribe(OPENID, 1733288400))).commands().get(0).idempotencyKey();
        Optional<String> other = handler.handle(signedPost(unsubscribe("oOtherPerson", 1733284800))).commands().get(0).idempotencyKey();

        assertThat(first).isPresent().isEqualTo(retry);
        assertThat(later).isNotEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    @DisplayName("WeChat's published pop-up example: accept grants the template's purpose under subscribeNotice, reject withdraws; one event per template")
    void subscribe_message_choices_grant_and_withdraw() {
        List<ConsentCommand> commands = handler(config()).handle(signedPost(POPUP_EXAMPLE)).commands();

        assertThat(commands).hasSize(2);
        ConsentCommand grant = commands.get(0);
        assertThat(grant.action()).isEqualTo("grant");
        assertThat(grant.purposes()).containsExactly("order-updates");
        assertThat(grant.noticeCode()).contains("mp-subscribe");
        assertThat(grant.noticeVersion()).contains("3");
        assertThat(grant.channel()).isEqualTo("miniprogram");
        assertThat(grant.method()).isEqualTo("button");
        assertThat(grant.evidence()).hasValueSatisfying(e -> assertThat(e).contains(ACCEPTED).contains("accept"));
        assertThat(grant.occurredAt()).contains(Instant.ofEpochSecond(1610969440));
        ConsentCommand withdrawal = commands.get(1);
        assertThat(withdrawal.action()).isEqualTo("withdraw");
        assertThat(withdrawal.purposes()).containsExactly("event-reminders");
        assertThat(withdrawal.evidence()).hasValueSatisfying(e -> assertThat(e).contains(REJECTED).contains("reject"));
        assertThat(grant.idempotencyKey()).isPresent().isNotEqualTo(withdrawal.idempotencyKey());
    }

    @Test
    @DisplayName("subscribe_msg_change_event (the person turned a template off) withdraws; templates without a purpose are left alone")
    void a_change_event_withdraws() {
        String change = """
                <xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
                <CreateTime>1610969468</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_change_event]]></Event>
                <SubscribeMsgChangeEvent>
                  <List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List>
                  <List><TemplateId><![CDATA[not-mapped-template]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List>
                </SubscribeMsgChangeEvent></xml>""";
        List<ConsentCommand> commands = handler(config()).handle(signedPost(change)).commands();

        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("withdraw");
            assertThat(c.purposes()).containsExactly("order-updates");
        });
    }

    @Test
    @DisplayName("Other events and messages (subscribe, a text message) are answered success and record nothing")
    void other_pushes_are_acknowledged() {
        InboundHandler handler = handler(config());
        String subscribe = unsubscribe(OPENID, 1733284800).replace("[unsubscribe]", "[subscribe]");
        String text = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[" + OPENID + "]]></FromUserName>"
                + "<CreateTime>1733284800</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>1234567890123456</MsgId></xml>";
        for (String body : List.of(subscribe, text)) {
            InboundResponse answer = handler.handle(signedPost(body));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(text(answer)).isEqualTo("success");
            assertThat(answer.commands()).isEmpty();
        }
    }

    @Test
    @DisplayName("PIPL Art. 15 (withdrawal as easy as consent): an acceptance and a rejection of one template in the same second are"
            + " two events with two ids, so the rejection is never dropped as a duplicate of the grant; a retry keeps its id")
    void accept_then_reject_in_the_same_second_have_two_ids() {
        InboundHandler handler = handler(config());
        ConsentCommand accept = handler.handle(signedPost(choice("subscribe_msg_popup_event", ACCEPTED, "accept", 1733284800)))
                .commands().get(0);
        ConsentCommand reject = handler.handle(signedPost(choice("subscribe_msg_change_event", ACCEPTED, "reject", 1733284800)))
                .commands().get(0);
        ConsentCommand popupReject = handler.handle(signedPost(choice("subscribe_msg_popup_event", ACCEPTED, "reject", 1733284800)))
                .commands().get(0);
        ConsentCommand retry = handler.handle(signedPost(choice("subscribe_msg_popup_event", ACCEPTED, "accept", 1733284800)))
                .commands().get(0);

        assertThat(accept.action()).isEqualTo("grant");
        assertThat(reject.action()).isEqualTo("withdraw");
        assertThat(popupReject.action()).isEqualTo("withdraw");
        assertThat(reject.idempotencyKey()).as("the withdrawal would be answered as a duplicate of the grant and lost").isPresent()
                .isNotEqualTo(accept.idempotencyKey());
        assertThat(popupReject.idempotencyKey()).as("the status, not only the event type, tells them apart").isPresent()
                .isNotEqualTo(accept.idempotencyKey());
        assertThat(retry.idempotencyKey()).as("WeChat's retry of the same push").isPresent().isEqualTo(accept.idempotencyKey());
    }

    @Test
    @DisplayName("purposes is required: without it an unsubscribe would withdraw nothing and every catalogue purpose would get a tag,"
            + " so the descriptor declares it and the connector refuses to start naming the key")
    void purposes_is_required() {
        assertThat(new WeChatConnector().descriptor().configKeys()).filteredOn(key -> key.name().equals("purposes"))
                .singleElement().satisfies(key -> assertThat(key.required()).isTrue());
        for (String unset : List.of("", " , ")) {
            Map<String, String> config = config();
            config.put("purposes", unset);
            assertThatThrownBy(() -> handler(config)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'purposes'");
        }
        assertThatThrownBy(() -> ConnectorHarness.of(new WeChatConnector()).config("appId", FakeWeChat.APP_ID)
                .config("appSecret", FakeWeChat.APP_SECRET).config("token", FakeWeChat.PUSH_TOKEN).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("purposes");
    }

    @Test
    @DisplayName("XXE: a push with a DOCTYPE (external entity, or entity expansion) is refused with 400, nothing read, nothing recorded")
    void a_doctype_is_refused() {
        InboundHandler handler = handler(config());
        String external = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><FromUserName>&xxe;</FromUserName><CreateTime>1733284800</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<xml><FromUserName>&b;</FromUserName><CreateTime>1733284800</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>";
        // A DOCTYPE is refused as such, even one that declares nothing the push uses.
        String innocuous = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY unused \"x\">]>" + unsubscribe(OPENID, 1733284800);
        for (String body : List.of(external, laughs, innocuous)) {
            InboundResponse answer = handler.handle(signedPost(body));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.commands()).isEmpty();
            assertThat(text(answer)).contains("DOCTYPE").doesNotContain("root:");
        }
    }

    @Test
    @DisplayName("Bodies that are no push are refused with a 4xx and record nothing: not XML, no FromUserName, too large, AES without its key")
    void malformed_bodies_are_refused() {
        InboundHandler handler = handler(config());
        assertThat(handler.handle(signedPost("{\"not\":\"xml\"}")).status()).isEqualTo(400);
        assertThat(handler.handle(signedPost("<xml><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>")).status())
                .isEqualTo(400);
        assertThat(handler.handle(signedPost("<xml>" + "x".repeat(EventPush.MAX_BODY_BYTES) + "</xml>")).status()).isEqualTo(413);
        InboundResponse encrypted = handler.handle(signedPost("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc]]></Encrypt></xml>"));
        assertThat(encrypted.status()).isEqualTo(400);
        assertThat(text(encrypted)).contains("encodingAESKey");
    }

    @Test
    @DisplayName("WeChat is answered success only once the events are recorded; a failure to record asks it to send again")
    void success_only_after_recording() {
        InboundResponse response = handler(config()).handle(signedPost(unsubscribe(OPENID, 1733284800)));
        EventOutcome recorded = new EventOutcome(0, Optional.of("x"), EventOutcome.Kind.RECORDED, Optional.empty(), Optional.empty());
        EventOutcome duplicate = new EventOutcome(0, Optional.of("x"), EventOutcome.Kind.DUPLICATE, Optional.empty(), Optional.empty());
        EventOutcome failed = new EventOutcome(0, Optional.of("x"), EventOutcome.Kind.FAILED, Optional.empty(), Optional.empty());

        assertThat(response.answer()).isPresent();
        assertThat(text(response.answer().get().answer(List.of(recorded)))).isEqualTo("success");
        assertThat(text(response.answer().get().answer(List.of(duplicate)))).isEqualTo("success");
        InboundResponse retry = response.answer().get().answer(List.of(failed));
        assertThat(retry.status()).isEqualTo(503);
        assertThat(text(retry)).isNotEqualTo("success");
    }

    @Test
    @DisplayName("Through the host: an unsubscribe's event is taken with its id, the same again on WeChat's retry; a forged push gets 401 and no event")
    void through_the_host() {
        try (ConnectorHarness harness = ConnectorHarness.of(new WeChatConnector()).config("appId", FakeWeChat.APP_ID)
                .config("appSecret", FakeWeChat.APP_SECRET).config("token", FakeWeChat.PUSH_TOKEN).config("purposes", "marketing-wechat")
                .clock(NOW).start()) {
            CallbackResult first = harness.callback(signedPost(unsubscribe(OPENID, 1733284800))).orElseThrow();
            CallbackResult retry = harness.callback(signedPost(unsubscribe(OPENID, 1733284800))).orElseThrow();
            assertThat(first.events()).singleElement().satisfies(e -> {
                assertThat(e.refusalCode()).isEmpty();
                assertThat(e.idempotencyKey()).hasValueSatisfying(key -> assertThat(key).startsWith("connector:wechat:wx-"));
            });
            assertThat(retry.events().get(0).idempotencyKey()).isEqualTo(first.events().get(0).idempotencyKey());

            CallbackResult forged = harness.callback(push("POST", unsubscribe(OPENID, 1733284800),
                    FakeWeChat.sign("guess", TIMESTAMP, NONCE), Map.of())).orElseThrow();
            assertThat(forged.events()).isEmpty();
            assertThat(forged.answer(List.of()).status()).isEqualTo(401);
            assertThat(harness.leaks(java.util.Set.of(FakeWeChat.PUSH_TOKEN, OPENID))).isFalse();
        }
    }

    @Test
    @DisplayName("template.* without subscribeNotice keeps the connector from starting: an acceptance is a grant, and a grant needs its notice")
    void templates_need_a_notice() {
        assertThatThrownBy(() -> ConnectorHarness.of(new WeChatConnector()).config("appId", FakeWeChat.APP_ID)
                .config("appSecret", FakeWeChat.APP_SECRET).config("token", FakeWeChat.PUSH_TOKEN).config("purposes", "marketing-wechat")
                .config("template." + ACCEPTED, "order-updates").start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("subscribeNotice");
    }
}
