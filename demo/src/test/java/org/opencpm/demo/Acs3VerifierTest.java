package org.opencpm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the worked example of Alibaba Cloud's documentation, "V3版本请求体&签名机制",
 * 签名示例 → 固定参数示例 (https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
 * AccessKey YourAccessKeyId / YourAccessKeySecret, POST RunInstances 2014-05-26, no body.
 */
class Acs3VerifierTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String QUERY = "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai";
    private static final String SIGNED = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    private static final String SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

    private static Map<String, String> headers(String authorization, String contentSha256) {
        return Map.of("host", "ecs.cn-shanghai.aliyuncs.com", "x-acs-action", "RunInstances", "x-acs-version", "2014-05-26",
                "x-acs-date", "2023-10-26T10:22:32Z", "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d",
                "x-acs-content-sha256", contentSha256, "authorization", authorization);
    }

    private static String authorization(String keyId, String signature) {
        return "ACS3-HMAC-SHA256 Credential=" + keyId + ",SignedHeaders=" + SIGNED + ",Signature=" + signature;
    }

    private final Acs3Verifier verifier = new Acs3Verifier("YourAccessKeyId", "YourAccessKeySecret");

    @Test
    @DisplayName("The documented example's signature is computed and accepted")
    void the_documented_example_is_valid() {
        assertThat(Acs3Verifier.signature("YourAccessKeySecret", "POST", "/", QUERY, headers("", EMPTY_SHA256)::get,
                List.of(SIGNED.split(";")), EMPTY_SHA256)).isEqualTo(SIGNATURE);
        assertThat(verifier.check("POST", "/", QUERY, headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.VALID);
    }

    @Test
    @DisplayName("Another signature, another key id, another method, a body other than its hash, or no Authorization are refused")
    void anything_else_is_refused() {
        String flipped = "16563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
        assertThat(verifier.check("POST", "/", QUERY, headers(authorization("YourAccessKeyId", flipped), EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.MISMATCH);
        assertThat(verifier.check("POST", "/", QUERY, headers(authorization("OtherKeyId", SIGNATURE), EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.UNKNOWN_KEY);
        assertThat(verifier.check("GET", "/", QUERY, headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.MISMATCH);
        assertThat(verifier.check("POST", "/", QUERY, headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get,
                "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Acs3Verifier.Outcome.MISMATCH);
        assertThat(verifier.check("POST", "/", QUERY + "&PhoneNumbers=13800000001",
                headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get, new byte[0])).isEqualTo(Acs3Verifier.Outcome.MISMATCH);
        assertThat(verifier.check("POST", "/", QUERY, headers("Bearer x", EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.MALFORMED);
        // A repeated name: the signature holds for the last value, while the simulator reads the first.
        assertThat(verifier.check("POST", "/", "ImageId=other&" + QUERY, headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get,
                new byte[0])).isEqualTo(Acs3Verifier.Outcome.MALFORMED);
        assertThat(verifier.check("POST", "/", "a=%zz", headers(authorization("YourAccessKeyId", SIGNATURE), EMPTY_SHA256)::get, new byte[0]))
                .isEqualTo(Acs3Verifier.Outcome.MALFORMED);
    }
}
