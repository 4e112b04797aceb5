package org.opencpm.plugins.tmall;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.opencpm.connectors.api.Hmac;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOP's three signature methods ({@code sign_method}), as the platform documents them (API调用方法详解,
 * open.taobao.com docId=101617): every parameter but {@code sign} (and byte/file parameters, which
 * this connector never sends) sorted by name in ASCII order, each name followed by its value, the
 * UTF-8 bytes of that string digested and written as upper-case hex. {@code md5} digests
 * {@code secret + s + secret}; {@code hmac} is HMAC-MD5 keyed with the secret; {@code hmac-sha256}
 * HMAC-SHA256 keyed with the secret. A parameter without a value is left out, as TOP's SDKs do.
 */
enum SignMethod {

    MD5("md5"), HMAC("hmac"), HMAC_SHA256("hmac-sha256");

    private final String code;

    SignMethod(String code) {
        this.code = code;
    }

    /** The value of {@code sign_method}. */
    String code() {
        return code;
    }

    /** The method whose code is {@code value} (case-insensitive). */
    static SignMethod of(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (SignMethod method : values()) {
            if (method.code.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown TOP sign method");
    }

    /** The {@code sign} of {@code parameters} (a {@code sign} among them is ignored). */
    String sign(Map<String, String> parameters, String secret) {
        byte[] text = concatenated(parameters).getBytes(StandardCharsets.UTF_8);
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = switch (this) {
                case MD5 -> {
                    MessageDigest md5 = MessageDigest.getInstance("MD5");
                    md5.update(key);
                    md5.update(text);
                    yield md5.digest(key);
                }
                case HMAC -> mac("HmacMD5", key, text);
                case HMAC_SHA256 -> Hmac.sha256(key, text);
            };
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + this + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The string that is signed: names in ASCII order, each followed by its value. */
    static String concatenated(Map<String, String> parameters) {
        // String's natural order compares UTF-16 units: for TOP's ASCII names, the ASCII order it asks for.
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("sign");
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (!name.isEmpty() && value != null && !value.isEmpty()) {
                out.append(name).append(value);
            }
        });
        return out.toString();
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(text);
    }
}
