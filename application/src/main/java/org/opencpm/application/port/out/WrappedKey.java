package org.opencpm.application.port.out;

import java.util.Arrays;
import java.util.Base64;

/**
 * One person's data key as it is stored: encrypted ("wrapped") by the {@link PersonalCipher}
 * under a key that never leaves it. Opaque to everything else.
 */
public record WrappedKey(byte[] bytes) {

    public WrappedKey {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("a wrapped key is never empty");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static WrappedKey fromBase64(String base64) {
        return new WrappedKey(Base64.getDecoder().decode(base64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WrappedKey[hidden]";
    }
}
