package org.opencpm.plugins.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/**
 * wechat passes the conformance suite. WeChat's tag calls carry neither a subject id nor a
 * version: a subject is known by its openid (here {@code oWx<subject id>}), the state by the call
 * (batchtagging: granted, batchuntagging: withdrawn), and a change's version by the order the
 * subject's calls arrived in — so the suite's "each once, in order, the last state last" still
 * holds WeChat to what it can see.
 */
class WeChatConformanceTest extends ConnectorConformanceTest {

    static final String ACCESS_TOKEN = "ACCESS_TOKEN_conformance_7f3e";
    static final String PURPOSE = "marketing-wechat";

    private final Map<String, Long> seen = new HashMap<>();

    @Override
    protected ChannelConnector connector() {
        return new WeChatConnector();
    }

    @Override
    protected Map<String, String> config() {
        return Map.of("appId", FakeWeChat.APP_ID, "appSecret", FakeWeChat.APP_SECRET, "token", FakeWeChat.PUSH_TOKEN,
                "purposes", PURPOSE);
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakeWeChat.APP_SECRET, FakeWeChat.PUSH_TOKEN, ACCESS_TOKEN);
    }

    @Override
    protected void stubSupport(WireMockServer platform) {
        new FakeWeChat(platform).issues(7200, ACCESS_TOKEN).creates(ACCESS_TOKEN, "opencpm-" + PURPOSE, 101);
    }

    /** Only calls with the token the fake issued count as deliveries (the answers the suite picks apply to them). */
    @Override
    protected MappingBuilder deliveryRequest() {
        return post(urlPathMatching("/cgi-bin/tags/members/batch(un)?tagging")).withQueryParam("access_token", equalTo(ACCESS_TOKEN));
    }

    @Override
    protected boolean batches() {
        return true;
    }

    /** One purpose: a batch then makes one call, as the suite's request counts expect. */
    @Override
    protected List<String> purposes() {
        return List.of(PURPOSE);
    }

    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[] {SubjectIdentifier.scoped(IdentifierType.WECHAT_OPENID, "oWx" + subjectId, FakeWeChat.APP_ID)};
    }

    @Override
    protected Optional<InboundRequest> sampleCallback() {
        String body = """
                <xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[oWxsub_1]]></FromUserName>
                <CreateTime>1733284800</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event></xml>""";
        // Signed now: the suite's host runs on the system clock, and pushes older than 300 s are refused.
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        return Optional.of(new InboundRequest("events", "POST", Map.of("signature", List.of(FakeWeChat.sign(FakeWeChat.PUSH_TOKEN,
                timestamp, "83410752")), "timestamp", List.of(timestamp), "nonce", List.of("83410752")), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        if (index == 0) {
            seen.clear();
        }
        String state = request.getUrl().contains("batchuntagging") ? "withdrawn" : "granted";
        JsonObject body = Json.createReader(new StringReader(request.getBodyAsString())).readObject();
        List<Received> out = new ArrayList<>();
        for (JsonString openid : body.getJsonArray("openid_list").getValuesAs(JsonString.class)) {
            String subject = openid.getString().substring("oWx".length());
            out.add(new Received(subject, seen.merge(subject, 1L, Long::sum), state, index));
        }
        return out;
    }
}
