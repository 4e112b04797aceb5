package org.opencpm.plugins.smstencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.Hmac;

/**
 * The signer against the worked example Tencent Cloud publishes on its "签名方法 v3" / "Signature
 * v3" page (the same page in every product's API docs, e.g. https://cloud.tencent.com.cn/document/api/237/31584,
 * and in its earlier edition https://tencentcloud.com/zh/document/product/1021/34193): CVM {@code DescribeInstances}
 * in ap-guangzhou at timestamp 1551113065, body
 * {@code {"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}}
 * (the escapes as literal text). The page exists in two editions: the current one signs
 * {@code content-type;host;x-tc-action} with a SecretKey of 32 asterisks; the earlier one (still
 * on the international site) signs {@code content-type;host} with {@code Gu5t9xGARNpq86cd98joQYCN3EXAMPLE}.
 */
class Tc3SignerTest {

    private static final byte[] PAYLOAD = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final long TIMESTAMP = 1551113065L;

    private static Map<String, String> headers(boolean withAction) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Host", "cvm.tencentcloudapi.com");
        if (withAction) {
            headers.put("X-TC-Action", "DescribeInstances");
        }
        return headers;
    }

    @Test
    @DisplayName("The published example signing content-type;host;x-tc-action: payload hash, canonical request, string to sign and signature as the page gives them")
    void the_current_published_example() {
        Tc3Signer signer = new Tc3Signer("AKID" + "*".repeat(32), "*".repeat(32), "cvm");
        assertThat(Hmac.sha256Hex(PAYLOAD)).isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        String canonical = Tc3Signer.canonicalRequest(headers(true), PAYLOAD);
        assertThat(canonical).isEqualTo("POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n"
                + "x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n"
                + "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(signer.stringToSign(TIMESTAMP, canonical)).isEqualTo("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                + "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assertThat(signer.authorization(TIMESTAMP, headers(true), PAYLOAD)).isEqualTo("TC3-HMAC-SHA256 Credential=AKID" + "*".repeat(32)
                + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, "
                + "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @Test
    @DisplayName("The earlier published example signing content-type;host with SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE")
    void the_earlier_published_example() {
        Tc3Signer signer = new Tc3Signer("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm");
        String canonical = Tc3Signer.canonicalRequest(headers(false), PAYLOAD);
        assertThat(Hmac.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(signer.authorization(TIMESTAMP, headers(false), PAYLOAD)).isEqualTo(
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    @DisplayName("The credential's date is the timestamp's UTC date: 1551113065 is 2019-02-26 00:44 in Beijing, 2019-02-25 in UTC")
    void the_scope_date_is_utc() {
        Tc3Signer signer = new Tc3Signer("AKIDx", "k", "sms");
        assertThat(signer.stringToSign(TIMESTAMP, "x")).contains("\n2019-02-25/sms/tc3_request\n");
        assertThat(signer.stringToSign(TIMESTAMP + 86_400, "x")).contains("\n2019-02-26/sms/tc3_request\n");
    }
}
