package org.opencpm.plugins.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.InboundRequest;

/**
 * WeChat's signature of its pushes to the server URL (plaintext mode): the query parameters
 * {@code signature}, {@code timestamp} and {@code nonce}, where {@code signature} is the lower-case
 * hex SHA-1 of {@code token}, {@code timestamp} and {@code nonce} sorted as strings and joined
 * without separator. The same check holds for the GET handshake and for every POST.
 */
final class PushSignature {

    private PushSignature() {
    }

    /** WeChat's signature of {@code parts} (token, timestamp, nonce, and in safe mode the Encrypt): sorted, joined, SHA-1, hex. */
    static String of(String... parts) {
        parts = parts.clone();
        Arrays.sort(parts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Whether {@code request} carries a valid signature for {@code token}; compared in constant time. */
    static boolean valid(String token, InboundRequest request) {
        Optional<String> signature = request.queryParam("signature");
        Optional<String> timestamp = request.queryParam("timestamp");
        Optional<String> nonce = request.queryParam("nonce");
        if (signature.isEmpty() || timestamp.isEmpty() || nonce.isEmpty()) {
            return false;
        }
        return Hmac.equalsConstantTime(of(token, timestamp.get(), nonce.get()), signature.get().strip().toLowerCase(java.util.Locale.ROOT));
    }
}
