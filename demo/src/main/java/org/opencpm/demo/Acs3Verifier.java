package org.opencpm.demo;

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
 * Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256) checked the way its API gateway checks it,
 * from the secret and the request as it arrived: the canonical request (method, path, the query's
 * parameters sorted and RFC 3986-encoded, the signed headers lower-cased and sorted, the body's
 * SHA-256), its SHA-256 as the string to sign, HMAC-SHA256 with the AccessKey secret, lower-case hex.
 * https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature. Written apart
 * from the plugin's signer (its own canonical strings), so a bug in one is not hidden by the same bug
 * in the other.
 */
final class Acs3Verifier {

    /** The headers Alibaba Cloud requires among the signed ones. */
    static final List<String> MUST_SIGN = List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
            "x-acs-signature-nonce", "x-acs-version");

    /** What the check found: which key, and whether its signature holds. */
    enum Outcome { VALID, UNKNOWN_KEY, MALFORMED, MISMATCH }

    private final String accessKeyId;
    private final String accessKeySecret;

    Acs3Verifier(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** Checks {@code authorization} against the request's parts; {@code header} gives a header by lower-case name. */
    Outcome check(String method, String rawPath, String rawQuery, UnaryOperator<String> header, byte[] body) {
        String authorization = header.apply("authorization");
        String scheme = "ACS3-HMAC-SHA256 Credential=";
        if (authorization == null || !authorization.startsWith(scheme)) {
            return Outcome.MALFORMED;
        }
        Map<String, String> fields = new TreeMap<>();
        for (String field : authorization.substring("ACS3-HMAC-SHA256 ".length()).split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                return Outcome.MALFORMED;
            }
            fields.put(field.substring(0, eq).strip(), field.substring(eq + 1).strip());
        }
        if (!fields.keySet().equals(java.util.Set.of("Credential", "SignedHeaders", "Signature"))) {
            return Outcome.MALFORMED;
        }
        if (!accessKeyId.equals(fields.get("Credential"))) {
            return Outcome.UNKNOWN_KEY;
        }
        List<String> signed = Arrays.asList(fields.get("SignedHeaders").split(";"));
        String hashedPayload = header.apply("x-acs-content-sha256");
        if (!signed.containsAll(MUST_SIGN) || hashedPayload == null || !sha256Hex(body).equals(hashedPayload)) {
            return Outcome.MISMATCH;
        }
        for (String name : signed) {
            if (header.apply(name.toLowerCase(Locale.ROOT)) == null) {
                return Outcome.MISMATCH;
            }
        }
        String expected;
        try {
            expected = signature(accessKeySecret, method, rawPath, rawQuery, header, signed, hashedPayload);
        } catch (IllegalArgumentException malformedQuery) {
            return Outcome.MALFORMED;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), fields.get("Signature").getBytes(StandardCharsets.US_ASCII))
                ? Outcome.VALID : Outcome.MISMATCH;
    }

    /** The signature of a request (the documentation's steps 1 to 3). */
    static String signature(String secret, String method, String rawPath, String rawQuery, UnaryOperator<String> header,
                            List<String> signedHeaders, String hashedPayload) {
        List<String> names = signedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList();
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : names) {
            canonical.append(name).append(':').append(header.apply(name).strip()).append('\n');
        }
        canonical.append('\n').append(String.join(";", names)).append('\n').append(hashedPayload);
        String stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
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
                String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
                // A repeated name is malformed: the simulator reads the first value (Exchanges.form), a map here the last,
                // so a signature over one value would vouch for a request carrying another.
                if (parameters.containsKey(decoded)) {
                    throw new IllegalArgumentException("repeated query parameter");
                }
                parameters.put(decoded, URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(rfc3986(name) + "=" + rfc3986(value)));
        return String.join("&", pairs);
    }

    /** URLEncoder's form encoding made RFC 3986's: '+' → %20, '*' → %2A, %7E → '~'. */
    private static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
