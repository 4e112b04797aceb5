package org.opencpm.application.port.out;

import java.util.Arrays;
import java.util.Base64;

/**
 * An identifier encrypted with AES-GCM by the {@link IdentityVault}: what is stored where a
 * connector will need the raw value (a phone number for an SMS gateway). Opaque to everything
 * but the vault.
 */
public record SealedIdentifier(byte[] bytes) {

    public SealedIdentifier {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("a sealed identifier is never empty");
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

    public static SealedIdentifier fromBase64(String base64) {
        return new SealedIdentifier(Base64.getDecoder().decode(base64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedIdentifier other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedIdentifier[" + bytes.length + " bytes]";
    }
}
