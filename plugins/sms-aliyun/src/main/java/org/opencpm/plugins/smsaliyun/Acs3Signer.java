package org.opencpm.plugins.smsaliyun;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencpm.connectors.api.Hmac;

/**
 * Alibaba Cloud's V3 request signature, ACS3-HMAC-SHA256, as its documentation ("V3版本请求体&签名机制",
 * https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature) states it:
 *
 * <pre>
 * CanonicalRequest = method \n canonical URI \n canonical query \n canonical headers \n signed headers \n hashed payload
 * StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 * Signature        = hex(hmac-sha256(AccessKeySecret, StringToSign))
 * Authorization    = ACS3-HMAC-SHA256 Credential=&lt;AccessKeyId&gt;,SignedHeaders=&lt;…&gt;,Signature=&lt;…&gt;
 * </pre>
 *
 * The canonical query is every parameter, RFC 3986-encoded and sorted by name; the canonical headers
 * are {@code host}, {@code content-type} and every {@code x-acs-*} header, names lower-case and
 * sorted, values trimmed. The request must carry its query encoded exactly as signed
 * ({@link #canonicalQuery}) and the hashed payload as {@code x-acs-content-sha256}.
 */
final class Acs3Signer {

    static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private final String accessKeyId;
    private final String accessKeySecret;

    Acs3Signer(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** What signing a request produced: the two intermediate strings (for tests and support) and the header to send. */
    record Signature(String canonicalRequest, String stringToSign, String authorization) {
    }

    /**
     * Signs a request.
     *
     * @param headers       the headers to sign, by name in any case: {@code host}, the {@code x-acs-*} ones (with
     *                      {@code x-acs-content-sha256} = {@code hashedPayload}) and {@code content-type} if the request has a body;
     *                      other headers are not signed
     * @param hashedPayload lower-case hex SHA-256 of the body ({@link Hmac#sha256Hex(byte[])}; of nothing when there is none)
     */
    Signature sign(String method, String canonicalUri, Map<String, String> query, Map<String, String> headers, String hashedPayload) {
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-type") || lower.startsWith("x-acs-")) {
                signed.put(lower, value.strip());
            }
        });
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalHeaders = signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        String canonicalRequest = method.toUpperCase(Locale.ROOT) + "\n" + canonicalUri + "\n" + canonicalQuery(query) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + hashedPayload;
        String stringToSign = ALGORITHM + "\n" + Hmac.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String signature = HexFormat.of().formatHex(Hmac.sha256(accessKeySecret.getBytes(StandardCharsets.UTF_8),
                stringToSign.getBytes(StandardCharsets.UTF_8)));
        return new Signature(canonicalRequest, stringToSign,
                ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
    }

    /** The parameters sorted by name, each {@code name=value} RFC 3986-encoded, joined by {@code &}: also the query to send. */
    static String canonicalQuery(Map<String, String> query) {
        return new TreeMap<>(query).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986 percent-encoding of UTF-8: letters, digits, {@code - _ . ~} as they are, every other byte as {@code %XX}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Acs3Signer[" + accessKeyId + ", secret hidden]";
    }
}
