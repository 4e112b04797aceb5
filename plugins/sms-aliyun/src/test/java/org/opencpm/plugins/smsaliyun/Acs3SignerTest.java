package org.opencpm.plugins.smsaliyun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The signature against the worked example of Alibaba Cloud's documentation, "V3版本请求体&签名机制" /
 * "Request syntax and signature method V3", section 签名示例 / "Signature examples" → 固定参数示例 /
 * "Fixed parameter values" (https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
 * AccessKey YourAccessKeyId / YourAccessKeySecret, POST RunInstances 2014-05-26 on
 * ecs.cn-shanghai.aliyuncs.com, x-acs-date 2023-10-26T10:22:32Z, nonce 3156853299f313e23d1673dc12e1703d,
 * ImageId and RegionId in the query, no body.
 */
class Acs3SignerTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Map<String, String> QUERY = Map.of("RegionId", "cn-shanghai",
            "ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
    private static final Map<String, String> HEADERS = Map.of("host", "ecs.cn-shanghai.aliyuncs.com", "x-acs-action", "RunInstances",
            "x-acs-version", "2014-05-26", "x-acs-date", "2023-10-26T10:22:32Z",
            "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d", "x-acs-content-sha256", EMPTY_SHA256);

    /** The documentation's step 1 output, character for character. */
    private static final String CANONICAL_REQUEST = """
            POST
            /
            ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
            host:ecs.cn-shanghai.aliyuncs.com
            x-acs-action:RunInstances
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2023-10-26T10:22:32Z
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-05-26

            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
    private static final String SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

    @Test
    @DisplayName("The documented example signs to the published canonical request, string to sign and Authorization")
    void the_documented_example_signs_to_the_published_signature() {
        Acs3Signer.Signature signed = new Acs3Signer("YourAccessKeyId", "YourAccessKeySecret")
                .sign("POST", "/", QUERY, HEADERS, EMPTY_SHA256);

        assertThat(signed.canonicalRequest()).isEqualTo(CANONICAL_REQUEST);
        assertThat(signed.stringToSign()).isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assertThat(signed.authorization()).isEqualTo("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
                + "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=" + SIGNATURE);
    }

    @Test
    @DisplayName("The stubs' own verifier, written apart from the signer, computes the documented signature too")
    void the_stubs_verifier_computes_the_documented_signature() {
        assertThat(AliyunGateway.signature("YourAccessKeySecret", "POST", "/",
                "RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", HEADERS::get,
                List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"),
                EMPTY_SHA256)).isEqualTo(SIGNATURE);
    }

    @Test
    @DisplayName("Header names sign lower-case with trimmed values; headers other than host, content-type and x-acs-* are not signed")
    void only_host_content_type_and_acs_headers_are_signed() {
        Acs3Signer signer = new Acs3Signer("YourAccessKeyId", "YourAccessKeySecret");
        Map<String, String> written = Map.of("Host", "ecs.cn-shanghai.aliyuncs.com", "X-Acs-Action", " RunInstances ",
                "x-acs-version", "2014-05-26", "x-acs-date", "2023-10-26T10:22:32Z",
                "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d", "x-acs-content-sha256", EMPTY_SHA256,
                "Accept", "application/json", "User-Agent", "opencpm");
        assertThat(signer.sign("POST", "/", QUERY, written, EMPTY_SHA256).authorization()).endsWith("Signature=" + SIGNATURE);
    }

    @Test
    @DisplayName("Query values are RFC 3986-encoded: space %20, * %2A, ~ kept, UTF-8 bytes upper-case hex")
    void the_query_is_rfc3986_encoded() {
        assertThat(Acs3Signer.encode("a b*c~d")).isEqualTo("a%20b%2Ac~d");
        assertThat(Acs3Signer.encode("阿里云")).isEqualTo("%E9%98%BF%E9%87%8C%E4%BA%91");
        assertThat(Acs3Signer.encode("{\"code\":\"1234\"}")).isEqualTo("%7B%22code%22%3A%221234%22%7D");
        assertThat(Acs3Signer.canonicalQuery(Map.of("b", "2", "B", "1", "a", "+"))).isEqualTo("B=1&a=%2B&b=2");
    }
}
