package org.opencpm.plugins.tmall;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOP's gateway as the tests stand it in: checks a call's {@code sign} the way TOP does, from the
 * app secret, with code of its own (never the plugin's signer), and answers a mismatch as TOP does,
 * HTTP 200 with error 25.
 */
final class TopGateway {

    static final String ROUTER = "/router/rest";
    /** TOP's answer to a bad signature. */
    static final String INVALID_SIGNATURE = "{\"error_response\":{\"code\":25,\"msg\":\"Invalid signature\",\"request_id\":\"2n7xa0c1nvzc\"}}";

    private TopGateway() {
    }

    /** A TOP call to the router whose signature is right for {@code secret}. */
    static MappingBuilder signedCall(String secret) {
        return post(urlPathEqualTo(ROUTER)).andMatching(signedWith(secret));
    }

    /** Every other call to the router gets TOP's "Invalid signature". */
    static void refuseUnsigned(WireMockServer platform) {
        platform.stubFor(post(urlPathEqualTo(ROUTER)).atPriority(100).willReturn(okJson(INVALID_SIGNATURE)));
    }

    static ValueMatcher<Request> signedWith(String secret) {
        return request -> MatchResult.of(signatureIsRight(form(request.getBodyAsString()), secret));
    }

    /** The form parameters of a call's body. */
    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    static boolean signatureIsRight(Map<String, String> parameters, String secret) {
        String sign = parameters.get("sign");
        String method = parameters.get("sign_method");
        if (sign == null || method == null) {
            return false;
        }
        return expectedSign(parameters, secret, method).equals(sign);
    }

    /** TOP's rule, written out: names sorted, name+value joined, digested by the method, upper-case hex. */
    static String expectedSign(Map<String, String> parameters, String secret, String method) {
        List<String> names = new ArrayList<>(parameters.keySet());
        names.remove("sign");
        Collections.sort(names);
        StringBuilder joined = new StringBuilder();
        for (String name : names) {
            joined.append(name).append(parameters.get(name));
        }
        try {
            byte[] digest;
            switch (method) {
                case "md5" -> digest = MessageDigest.getInstance("MD5")
                        .digest((secret + joined + secret).getBytes(StandardCharsets.UTF_8));
                case "hmac" -> digest = hmac("HmacMD5", secret, joined.toString());
                case "hmac-sha256" -> digest = hmac("HmacSHA256", secret, joined.toString());
                default -> {
                    return "(no such sign_method)";
                }
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02X", b));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(String algorithm, String secret, String text) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
