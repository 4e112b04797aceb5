package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * The five channel platforms as WireMock stand-ins on loopback, each answering in its documented
 * shape and refusing what its real API would refuse outright (no token, no signature header); the
 * plugins' own tests check every signature byte for byte. {@link #configuration} is what an operator
 * writes in {@code conf/connectors/<id>.properties} to point each plugin at its stand-in.
 */
final class ChannelPlatforms implements AutoCloseable {

    static final String WECHAT_APP_ID = "wx8e0c1c2b3a4d5e6f";
    static final String WECHAT_TOKEN = "wechat-access-token-for-the-e2e-test";
    static final String SMS_INBOUND_TOKEN = "smsup-inbound-token-0123456789abcdef";
    static final String DOUYIN_TOKEN = "douyin-access-token-for-the-e2e-test";

    final WireMockServer wechat = started();
    final WireMockServer douyin = started();
    final WireMockServer tmall = started();
    final WireMockServer aliyun = started();
    final WireMockServer tencent = started();

    ChannelPlatforms() {
        // WeChat Official Account: token, tags, batch tagging; errcode 0 is success.
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).withQueryParam("grant_type", matching("client_credential"))
                .withQueryParam("appid", matching(WECHAT_APP_ID))
                .willReturn(okJson("{\"access_token\":\"" + WECHAT_TOKEN + "\",\"expires_in\":7200}")));
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).withQueryParam("access_token", matching(WECHAT_TOKEN))
                .willReturn(okJson("{\"tags\":[]}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).withQueryParam("access_token", matching(WECHAT_TOKEN))
                .willReturn(okJson("{\"tag\":{\"id\":134,\"name\":\"opencpm-marketing-sms\"}}")));
        for (String call : List.of("batchtagging", "batchuntagging")) {
            wechat.stubFor(post(urlPathEqualTo("/cgi-bin/tags/members/" + call)).withQueryParam("access_token", matching(WECHAT_TOKEN))
                    .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        }
        // Ocean Engine DMP: upload (multipart, with the file's MD5), then update; Access-Token header on both.
        douyin.stubFor(post(urlPathEqualTo("/open_api/2/dmp/data_source/file/upload/")).withHeader("Access-Token", matching(DOUYIN_TOKEN))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r1\",\"data\":{\"file_path\":\"dmp/e2e/1.zip\"}}")));
        douyin.stubFor(post(urlPathEqualTo("/open_api/2/dmp/data_source/update/")).withHeader("Access-Token", matching(DOUYIN_TOKEN))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r2\",\"data\":{}}")));
        // Taobao Open Platform: one router, signed form posts.
        tmall.stubFor(post(urlPathEqualTo("/router/rest")).withRequestBody(containing("sign="))
                .withRequestBody(containing("batchadd"))
                .willReturn(okJson("{\"crm_members_group_batchadd_privy_response\":{\"is_success\":true}}")));
        tmall.stubFor(post(urlPathEqualTo("/router/rest")).withRequestBody(containing("sign="))
                .withRequestBody(containing("batchdelete"))
                .willReturn(okJson("{\"crm_members_groups_batchdelete_privy_response\":{\"is_success\":true}}")));
        // Alibaba Cloud SMS: SendSms over the ACS3-HMAC-SHA256 signature.
        aliyun.stubFor(post(urlPathEqualTo("/")).withHeader("x-acs-action", matching("SendSms"))
                .withHeader("Authorization", matching("ACS3-HMAC-SHA256 Credential=.*"))
                .willReturn(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F655A8D5\"}")));
        // Tencent Cloud SMS: SendSms over TC3-HMAC-SHA256.
        tencent.stubFor(post(urlPathEqualTo("/")).withHeader("X-TC-Action", matching("SendSms"))
                .withHeader("Authorization", matching("TC3-HMAC-SHA256 Credential=.*"))
                .willReturn(okJson("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:1045710669157053657849499619\","
                        + "\"PhoneNumber\":\"+8613711112222\",\"Fee\":1,\"SessionContext\":\"\",\"Code\":\"Ok\",\"Message\":\"send success\","
                        + "\"IsoCode\":\"CN\"}],\"RequestId\":\"a0aabda6\"}}")));
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** Every channel connector enabled, for {@code purpose}, against its stand-in. */
    void configure(RunningServer server, String purpose) throws Exception {
        PluginDropInIT.configure(server, "wechat", """
                enabled=true
                baseUrl=http://127.0.0.1:%d
                appId=%s
                appSecret=wechat-app-secret-0123456789abcdef
                token=wechat-push-token-0123
                purposes=%s
                batch.windowMillis=50
                """.formatted(wechat.port(), WECHAT_APP_ID, purpose));
        PluginDropInIT.configure(server, "douyin", """
                enabled=true
                baseUrl=http://127.0.0.1:%d
                purposes=%s
                advertiserId=1760312345678901
                dataSourceId=1800000000000456
                appId=1700000000000123
                secret=douyin-app-secret-0123456789
                accessToken=%s
                refreshToken=douyin-refresh-token-0123456789
                batch.windowMillis=50
                """.formatted(douyin.port(), purpose, DOUYIN_TOKEN));
        PluginDropInIT.configure(server, "tmall", """
                enabled=true
                baseUrl=http://127.0.0.1:%d
                appKey=12345678
                appSecret=tmall-app-secret-0123456789abcdef
                session=6100e23657fb0b2d0c78b0000000000
                groupId=4001
                purposes=%s
                """.formatted(tmall.port(), purpose));
        PluginDropInIT.configure(server, "sms-aliyun", """
                enabled=true
                baseUrl=http://127.0.0.1:%d
                accessKeyId=LTAI5tE2eTestKeyId
                accessKeySecret=aliyun-access-key-secret-0123456789
                signName=开放同意
                templateCode=SMS_154950909
                inboundToken=%s
                purposes=%s
                """.formatted(aliyun.port(), SMS_INBOUND_TOKEN, purpose));
        PluginDropInIT.configure(server, "sms-tencent", """
                enabled=true
                baseUrl=http://127.0.0.1:%d
                secretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3E2eTest
                secretKey=tencent-secret-key-0123456789abcdef
                sdkAppId=1400006666
                signName=开放同意
                templateId=449739
                inboundToken=%s
                purposes=%s
                """.formatted(tencent.port(), SMS_INBOUND_TOKEN, purpose));
    }

    /** The requests {@code platform} received at {@code path}, oldest first. */
    static List<LoggedRequest> requests(WireMockServer platform, String path) {
        return platform.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathEqualTo(path)));
    }

    @Override
    public void close() {
        for (WireMockServer server : List.of(wechat, douyin, tmall, aliyun, tencent)) {
            server.stop();
        }
    }
}
