package org.opencpm.plugins.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;

/**
 * Review (h-review): attacks on the event push that the existing tests do not try. Each test
 * states what should happen; a failure is the finding.
 */
class ReviewEventPushTest {

    static final String TIMESTAMP = EventPushTest.TIMESTAMP;
    static final String NONCE = EventPushTest.NONCE;
    static final String TEMPLATE = EventPushTest.ACCEPTED;
    static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP) + 30), ZoneOffset.UTC);

    private static InboundHandler handler(Map<String, String> values) {
        ConnectorConfig config = ConnectorConfig.of(values);
        WeChatConnector connector = new WeChatConnector();
        return connector.inbound(new ConnectorContext() {
            @Override
            public ConnectorDescriptor descriptor() {
                return connector.descriptor();
            }

            @Override
            public ConnectorConfig config() {
                return config;
            }

            @Override
            public Clock clock() {
                return NOW;
            }
        }).orElseThrow();
    }

    private static Map<String, String> config(boolean safeMode) {
        Map<String, String> config = new HashMap<>(Map.of("appId", FakeWeChat.APP_ID, "appSecret", FakeWeChat.APP_SECRET,
                "token", FakeWeChat.PUSH_TOKEN, "purposes", "marketing-wechat", "template." + TEMPLATE, "order-updates",
                "subscribeNotice", "mp-subscribe:3"));
        if (safeMode) {
            config.put("encodingAESKey", SafeModeTest.SAMPLE_KEY);
        }
        return config;
    }

    private static String choice(String event, String status, long createTime) {
        String list = event.equals("subscribe_msg_popup_event") ? "SubscribeMsgPopupEvent" : "SubscribeMsgChangeEvent";
        return "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[" + EventPushTest.OPENID
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
                + event + "]]></Event><" + list + "><List><TemplateId><![CDATA[" + TEMPLATE + "]]></TemplateId><SubscribeStatusString><![CDATA["
                + status + "]]></SubscribeStatusString></List></" + list + "></xml>";
    }

    /** A POST carrying only the query signature (what any signed URL of WeChat's, even a GET handshake's, carries). */
    private static InboundRequest plaintextPost(String body) throws Exception {
        String signature = SafeModeTest.sha1Sorted(FakeWeChat.PUSH_TOKEN, TIMESTAMP, NONCE);
        return new InboundRequest("events", "POST", Map.of("signature", List.of(signature), "timestamp", List.of(TIMESTAMP),
                "nonce", List.of(NONCE)), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("Safe mode configured: a push without encrypt_type=aes/msg_signature (body not covered by any signature) must record nothing")
    void safe_mode_refuses_an_unencrypted_push() throws Exception {
        // The attacker reuses the signature/timestamp/nonce of one signed URL seen in a proxy log
        // and posts a forged plaintext acceptance: in safe (and compatible) mode WeChat always sends
        // encrypt_type=aes with msg_signature, so a plaintext body can only be forged.
        InboundResponse answer = handler(config(true)).handle(plaintextPost(choice("subscribe_msg_popup_event", "accept", 1733284800)));

        assertThat(answer.commands()).as("a forged grant recorded although encodingAESKey is configured (README: 'prefer safe mode')")
                .isEmpty();
        assertThat(answer.status()).isIn(400, 401);
    }

    @Test
    @DisplayName("An acceptance and a later rejection of one template in the same second are two events, not one (the rejection must not be a duplicate)")
    void accept_then_reject_in_the_same_second_have_two_ids() throws Exception {
        InboundHandler handler = handler(config(false));
        ConsentCommand accept = handler.handle(plaintextPost(choice("subscribe_msg_popup_event", "accept", 1733284800)))
                .commands().get(0);
        ConsentCommand reject = handler.handle(plaintextPost(choice("subscribe_msg_change_event", "reject", 1733284800)))
                .commands().get(0);

        assertThat(accept.action()).isEqualTo("grant");
        assertThat(reject.action()).isEqualTo("withdraw");
        assertThat(reject.idempotencyKey()).as("the withdrawal would be answered as a duplicate of the grant and lost")
                .isNotEqualTo(accept.idempotencyKey());
    }
}
