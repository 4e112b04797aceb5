package org.opencpm.plugins.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.InboundRequest;

/**
 * WeChat's safe (and compatible) message mode: the push's XML travels encrypted in
 * {@code <Encrypt>}, signed by {@code msg_signature} = hex SHA-1 of {@code token},
 * {@code timestamp}, {@code nonce} and the {@code Encrypt} text sorted and joined. The key is
 * {@code encodingAESKey} (43 characters) read as Base64 with a trailing {@code =}: 32 bytes of
 * AES-256, in CBC mode with the key's first 16 bytes as IV, padded PKCS#7 to 32-byte blocks. The
 * plaintext is 16 random bytes, the message's length (4 bytes, big-endian), the message, and the
 * app id it was encrypted for, which must be ours.
 */
final class SafeMode {

    /** Why an encrypted push is refused. */
    static final class Refused extends Exception {
        private final boolean unauthenticated;

        Refused(String reason, boolean unauthenticated) {
            super(reason);
            this.unauthenticated = unauthenticated;
        }

        /** Whether the push failed authentication (401) rather than being malformed (400). */
        boolean unauthenticated() {
            return unauthenticated;
        }
    }

    private final byte[] key;
    private final String token;
    private final byte[] appId;

    private SafeMode(byte[] key, String token, String appId) {
        this.key = key;
        this.token = token;
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalStateException naming the key (never its value) when it is no EncodingAESKey */
    static SafeMode of(String encodingAesKey, String token, String appId) {
        byte[] key = null;
        if (encodingAesKey.length() == 43) {
            try {
                key = Base64.getDecoder().decode(encodingAesKey + "=");
            } catch (IllegalArgumentException notBase64) {
                key = null;
            }
        }
        if (key == null || key.length != 32) {
            throw new IllegalStateException("configuration key '" + WeChatConnector.ENCODING_AES_KEY
                    + "' must be the 43-character EncodingAESKey of the server URL configuration");
        }
        return new SafeMode(key, token, appId);
    }

    /** The push's XML: {@code encrypt} checked against {@code msg_signature}, decrypted, and found meant for our app. */
    byte[] open(InboundRequest request, String encrypt) throws Refused {
        Optional<String> signature = request.queryParam("msg_signature");
        String expected = PushSignature.of(token, request.queryParam("timestamp").orElse(""), request.queryParam("nonce").orElse(""), encrypt);
        if (signature.isEmpty() || !Hmac.equalsConstantTime(expected, signature.get().strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new Refused("msg_signature does not match", true);
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            plain = cipher.doFinal(Base64.getDecoder().decode(encrypt.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("Encrypt cannot be decrypted with encodingAESKey", false);
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || plain.length - pad < 20) {
            throw new Refused("Encrypt is not padded as WeChat pads", false);
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new Refused("Encrypt carries a length beyond its end", false);
        }
        if (!Arrays.equals(Arrays.copyOfRange(plain, 20 + length, end), appId)) {
            throw new Refused("the push was encrypted for another app", true);
        }
        return Arrays.copyOfRange(plain, 20, 20 + length);
    }
}
