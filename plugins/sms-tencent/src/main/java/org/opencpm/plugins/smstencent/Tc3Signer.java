package org.opencpm.plugins.smstencent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencpm.connectors.api.Hmac;

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256 (签名方法 v3), for {@code POST /} with a
 * JSON body:
 *
 * <ol>
 *   <li>canonical request: {@code POST\n/\n\n} + the signed headers as {@code name:value\n} (name and
 *       value lower-case and trimmed, sorted by name) + {@code \n} + their names joined by {@code ;}
 *       + {@code \n} + hex SHA-256 of the body;</li>
 *   <li>string to sign: {@code TC3-HMAC-SHA256\n<timestamp>\n<date>/<service>/tc3_request\n} + hex
 *       SHA-256 of the canonical request, the date being the timestamp's <em>UTC</em> date;</li>
 *   <li>key: HMAC-SHA256 chained from {@code "TC3" + SecretKey} over the date, the service and
 *       {@code tc3_request}; signature: hex HMAC-SHA256 of the string to sign under that key;</li>
 *   <li>{@code Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request,
 *       SignedHeaders=<names>, Signature=<signature>}.</li>
 * </ol>
 *
 * Holds the SecretKey: it never shows it.
 */
final class Tc3Signer {

    static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String secretId;
    private final String secretKey;
    private final String service;

    Tc3Signer(String secretId, String secretKey, String service) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.service = service;
    }

    /** The {@code Authorization} header of a {@code POST /} sent at {@code timestamp} with {@code headers} signed. */
    String authorization(long timestamp, Map<String, String> headers, byte[] payload) {
        SortedMap<String, String> signed = canonical(headers);
        String date = date(timestamp);
        String signature = HexFormat.of().formatHex(Hmac.sha256(signingKey(date),
                stringToSign(timestamp, canonicalRequest(signed, payload)).getBytes(StandardCharsets.UTF_8)));
        return ALGORITHM + " Credential=" + secretId + "/" + scope(date) + ", SignedHeaders=" + String.join(";", signed.keySet())
                + ", Signature=" + signature;
    }

    /** The canonical request of a {@code POST /} with no query string. */
    static String canonicalRequest(Map<String, String> headers, byte[] payload) {
        SortedMap<String, String> signed = canonical(headers);
        String lines = signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        return "POST\n/\n\n" + lines + "\n" + String.join(";", signed.keySet()) + "\n" + Hmac.sha256Hex(payload);
    }

    String stringToSign(long timestamp, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + scope(date(timestamp)) + "\n"
                + Hmac.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] signingKey(String date) {
        byte[] secretDate = Hmac.sha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), utf8(date));
        byte[] secretService = Hmac.sha256(secretDate, utf8(service));
        return Hmac.sha256(secretService, utf8("tc3_request"));
    }

    private String scope(String date) {
        return date + "/" + service + "/tc3_request";
    }

    /** The UTC date: a local date (UTC+8) would fail every call between 00:00 and 08:00 Beijing time. */
    private static String date(long timestamp) {
        return UTC_DATE.format(Instant.ofEpochSecond(timestamp));
    }

    private static SortedMap<String, String> canonical(Map<String, String> headers) {
        SortedMap<String, String> out = new TreeMap<>();
        headers.forEach((name, value) -> out.put(name.strip().toLowerCase(Locale.ROOT), value.strip().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
