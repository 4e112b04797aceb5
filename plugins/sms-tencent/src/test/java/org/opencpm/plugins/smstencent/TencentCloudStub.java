package org.opencpm.plugins.smstencent;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud SMS's SendSms as a WireMock stub that checks every request's TC3-HMAC-SHA256
 * signature the way Tencent's API gateway does — recomputed here from the SecretKey with the JDK's
 * own HMAC and digest, not with the plugin's signer — and answers, as Tencent does, HTTP 200 with
 * {@code AuthFailure.SignatureFailure} when it does not match and {@code AuthFailure.SignatureExpire}
 * when the request's timestamp is more than five minutes off the platform's clock.
 */
final class TencentCloudStub {

    static final String SIGNATURE_FAILURE = """
            {"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated. \
            Please check your signature is correct."},"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}""";
    static final String SIGNATURE_EXPIRE = """
            {"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired. Timestamp is 300 seconds off \
            the server time."},"RequestId":"6b8b3f61-1f0b-4b8d-9c3a-5f1f4e7c2a10"}}""";

    private static final Pattern AUTHORIZATION = Pattern.compile("TC3-HMAC-SHA256 Credential=([^/]+)/([0-9]{4}-[0-9]{2}-[0-9]{2})/"
            + "([a-z]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private TencentCloudStub() {
    }

    /** The SendSms request, whatever its signature. */
    static MappingBuilder sendSms() {
        return post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo("SendSms")).withHeader("X-TC-Version", equalTo("2021-01-11"))
                .withHeader("X-TC-Region", equalTo("ap-guangzhou"));
    }

    /** SendSms answering {@code answer} to a request signed with this key pair at about {@code now}, and refusing any other. */
    static void stubSendSms(WireMockServer platform, String secretId, String secretKey, Instant now, ResponseDefinitionBuilder answer) {
        platform.stubFor(sendSms().atPriority(1).andMatching(new Tc3(secretId, secretKey, now, true)).willReturn(answer));
        platform.stubFor(sendSms().atPriority(2).andMatching(new Tc3(secretId, secretKey, now, false)).willReturn(okJson(SIGNATURE_EXPIRE)));
        platform.stubFor(post(urlEqualTo("/")).atPriority(3).willReturn(okJson(SIGNATURE_FAILURE)));
    }

    /** A request signed right with this key pair; {@code inTime}: and sent within five minutes of {@code now}, or more than five off. */
    record Tc3(String secretId, String secretKey, Instant now, boolean inTime) implements ValueMatcher<Request> {

        @Override
        public MatchResult match(Request request) {
            return MatchResult.of(signedRight(request) && inTime == (Math.abs(timestamp(request) - now.getEpochSecond()) <= 300));
        }

        private boolean signedRight(Request request) {
            Matcher auth = AUTHORIZATION.matcher(String.valueOf(request.getHeader("Authorization")));
            if (!auth.matches() || !auth.group(1).equals(secretId) || !auth.group(3).equals("sms")) {
                return false;
            }
            long timestamp = timestamp(request);
            String date = auth.group(2);
            if (!date.equals(LocalDate.ofInstant(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC).toString())) {
                return false;
            }
            String signedHeaders = auth.group(4);
            if (!(";" + signedHeaders + ";").contains(";content-type;") || !(";" + signedHeaders + ";").contains(";host;")) {
                return false;
            }
            StringBuilder canonicalHeaders = new StringBuilder();
            for (String name : signedHeaders.split(";")) {
                String value = request.getHeader(name);
                if (value == null) {
                    return false;
                }
                canonicalHeaders.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
            }
            String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + hex(sha256(request.getBody()));
            String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n"
                    + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
            byte[] key = hmac(hmac(hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date), "sms"), "tc3_request");
            return MessageDigest.isEqual(hex(hmac(key, stringToSign)).getBytes(StandardCharsets.UTF_8),
                    auth.group(5).getBytes(StandardCharsets.UTF_8));
        }

        private static long timestamp(Request request) {
            try {
                return Long.parseLong(String.valueOf(request.getHeader("X-TC-Timestamp")));
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE / 2;
            }
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
