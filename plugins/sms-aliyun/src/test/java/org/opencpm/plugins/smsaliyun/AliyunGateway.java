package org.opencpm.plugins.smsaliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dysmsapi as the stubs play it: checks every request's ACS3-HMAC-SHA256 signature the way Alibaba
 * Cloud's gateway does — from the secret, over the request as it arrived (its Host, its raw query
 * decoded and encoded again, the headers its Authorization names, the hash of its body) — and answers
 * {@code SignatureDoesNotMatch} with HTTP 400, as Alibaba Cloud's API gateway does, when it does not match. Written apart from the plugin's
 * {@link Acs3Signer} (java.net's URL coding as the documentation's Java sample suggests, its own
 * canonical strings), and itself checked against the documentation's example ({@link Acs3SignerTest}).
 */
final class AliyunGateway {

    static final String SIGNATURE_DOES_NOT_MATCH = """
            {"RequestId":"B8A0D7C5-2F4E-4F10-9C3A-1E2D3C4B5A69","HostId":"dysmsapi.aliyuncs.com","Code":"SignatureDoesNotMatch",\
            "Message":"Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\\n(the hash)",\
            "Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Dysmsapi&requestId=B8A0D7C5-2F4E-4F10-9C3A-1E2D3C4B5A69"}""";
    private static final List<String> MUST_SIGN = List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
            "x-acs-signature-nonce", "x-acs-version");

    private final String accessKeyId;
    private final String accessKeySecret;

    AliyunGateway(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** SendSms answers {@code answer} to a request signed with this gateway's key, SignatureDoesNotMatch to any other. */
    void stubSendSms(WireMockServer platform, ResponseDefinitionBuilder answer) {
        platform.stubFor(sendSms().atPriority(1).andMatching(request -> MatchResult.of(accepts(request))).willReturn(answer));
        platform.stubFor(post(urlPathEqualTo("/")).atPriority(9).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(SIGNATURE_DOES_NOT_MATCH)));
    }

    /** A SendSms call of API version 2017-05-25. */
    static MappingBuilder sendSms() {
        return post(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo("SendSms")).withHeader("x-acs-version", equalTo("2017-05-25"));
    }

    /** The answer Dysmsapi gives when it took the message. */
    static ResponseDefinitionBuilder ok(String bizId) {
        return answer(200, "OK", "OK", bizId);
    }

    static ResponseDefinitionBuilder answer(int status, String code, String message, String bizId) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody("{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"" + (bizId == null ? "" : ",\"BizId\":\"" + bizId + "\"")
                        + ",\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}");
    }

    /** Whether {@code request} carries this key's valid signature. */
    boolean accepts(Request request) {
        String authorization = request.getHeader("Authorization");
        String prefix = "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=";
        if (authorization == null || !authorization.startsWith(prefix) || !authorization.contains(",Signature=")) {
            return false;
        }
        String rest = authorization.substring(prefix.length());
        List<String> signedHeaders = Arrays.asList(rest.substring(0, rest.indexOf(",Signature=")).split(";"));
        String given = rest.substring(rest.indexOf(",Signature=") + ",Signature=".length());
        if (!signedHeaders.containsAll(MUST_SIGN) || !sha256(request.getBody()).equals(request.getHeader("x-acs-content-sha256"))) {
            return false;
        }
        URI url = URI.create(request.getUrl());
        String expected = signature(accessKeySecret, request.getMethod().getName(), url.getRawPath(), url.getRawQuery(),
                request::getHeader, signedHeaders, request.getHeader("x-acs-content-sha256"));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature the gateway computes: the documentation's steps 1 to 3, from the request as it arrived. */
    static String signature(String secret, String method, String rawPath, String rawQuery, UnaryOperator<String> header,
                            List<String> signedHeaders, String hashedPayload) {
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList()) {
            canonical.append(name).append(':').append(header.apply(name).trim()).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(hashedPayload);
        String stringToSign = "ACS3-HMAC-SHA256\n" + sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonicalQuery(String rawQuery) {
        Map<String, String> parameters = new TreeMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(rfc3986(name) + "=" + rfc3986(value)));
        return String.join("&", pairs);
    }

    /** The documentation's recipe for java.net.URLEncoder: then '+' → %20, '*' → %2A, %7E → '~'. */
    private static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
