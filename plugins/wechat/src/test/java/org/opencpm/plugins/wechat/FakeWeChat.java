package org.opencpm.plugins.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonSchema;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's API as the tests stub it, checking every request the way WeChat does: the token
 * endpoint answers only the right appid and secret; the tag endpoints answer only an access token
 * the fake issued and did not expire (an expired one gets 42001, an unknown one 40001, as WeChat
 * does), and only bodies of the documented shape ({@code openid_list} of 1–50 strings,
 * {@code tagid} an integer; {@code tag.name} of 1–30 characters). Shapes from
 * https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 * and .../Basic_Information/Get_access_token.html.
 */
final class FakeWeChat {

    static final String APP_ID = "wx3f9a1c0d77e2b4a1";
    static final String APP_SECRET = "5b1b1e0acefb09d43748920afd38cf79";
    static final String PUSH_TOKEN = "pushT0ken-for-tests";

    static final String MEMBERS_SCHEMA = """
            {"type":"object","required":["openid_list","tagid"],"additionalProperties":false,
             "properties":{"openid_list":{"type":"array","minItems":1,"maxItems":50,"items":{"type":"string","minLength":1}},
                           "tagid":{"type":"integer"}}}""";
    static final String CREATE_SCHEMA = """
            {"type":"object","required":["tag"],"additionalProperties":false,
             "properties":{"tag":{"type":"object","required":["name"],"additionalProperties":false,
                                  "properties":{"name":{"type":"string","minLength":1,"maxLength":30}}}}}""";

    private final WireMockServer platform;

    FakeWeChat(WireMockServer platform) {
        this.platform = platform;
        // Any token the fake did not issue: 40001, as WeChat answers a forged or superseded one.
        platform.stubFor(post(urlPathMatching("/cgi-bin/tags/.*")).atPriority(9)
                .willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}")));
        platform.stubFor(get(urlPathMatching("/cgi-bin/tags/.*")).atPriority(9)
                .willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}")));
        platform.stubFor(get(urlPathEqualTo("/cgi-bin/token")).atPriority(9)
                .willReturn(okJson("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}")));
    }

    /**
     * The token endpoint hands out {@code tokens} in turn (the last one from then on), each valid
     * for {@code expiresIn} seconds; the tag endpoints take them once {@link #accepts} says so.
     */
    FakeWeChat issues(long expiresIn, String... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "issued-" + i;
            String next = i + 1 < tokens.length ? "issued-" + (i + 1) : state;
            platform.stubFor(get(urlPathEqualTo("/cgi-bin/token")).atPriority(1)
                    .withQueryParam("grant_type", equalTo("client_credential"))
                    .withQueryParam("appid", equalTo(APP_ID)).withQueryParam("secret", equalTo(APP_SECRET))
                    .inScenario("tokens").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(okJson("{\"access_token\":\"" + tokens[i] + "\",\"expires_in\":" + expiresIn + "}")));
        }
        return this;
    }

    /** The tag endpoints take {@code token}, for well-formed bodies. */
    FakeWeChat accepts(String token) {
        platform.stubFor(post(urlPathMatching("/cgi-bin/tags/members/batch(un)?tagging")).atPriority(3)
                .withQueryParam("access_token", equalTo(token)).withRequestBody(matchingJsonSchema(MEMBERS_SCHEMA))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        platform.stubFor(post(urlPathMatching("/cgi-bin/tags/.*")).atPriority(5).withQueryParam("access_token", equalTo(token))
                .willReturn(okJson("{\"errcode\":47001,\"errmsg\":\"data format error\"}")));
        return this;
    }

    /** From now on WeChat says {@code token} has expired (42001). */
    FakeWeChat expires(String token) {
        platform.stubFor(post(urlPathMatching("/cgi-bin/tags/.*")).atPriority(2).withQueryParam("access_token", equalTo(token))
                .willReturn(okJson("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}")));
        return this;
    }

    /** {@code tags/create} of {@code name} (with an accepted token) answers the new tag {@code id}. */
    FakeWeChat creates(String token, String name, int id) {
        platform.stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).atPriority(1).withQueryParam("access_token", equalTo(token))
                .withRequestBody(matchingJsonSchema(CREATE_SCHEMA)).withRequestBody(equalToJson("{\"tag\":{\"name\":\"" + name + "\"}}"))
                .willReturn(okJson("{\"tag\":{\"id\":" + id + ",\"name\":\"" + name + "\"}}")));
        return this;
    }

    /** The answer to the tag-member calls with {@code token}, whatever the body: an errcode of WeChat's. */
    FakeWeChat membersAnswer(String token, int errcode) {
        platform.stubFor(post(urlPathMatching("/cgi-bin/tags/members/batch(un)?tagging")).atPriority(1)
                .withQueryParam("access_token", equalTo(token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":" + errcode + ",\"errmsg\":\"as WeChat says\"}")));
        return this;
    }

    /** WeChat's push signature, computed here on its own: sha1 of token, timestamp and nonce sorted and joined. */
    static String sign(String token, String timestamp, String nonce) {
        String[] parts = {token, timestamp, nonce};
        Arrays.sort(parts);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((parts[0] + parts[1] + parts[2]).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
