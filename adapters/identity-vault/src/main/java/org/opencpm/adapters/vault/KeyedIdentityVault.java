package org.opencpm.adapters.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;

/**
 * The identity vault: HMAC-SHA-256 under one key for lookup hashes, under another for
 * pseudonyms, and AES-256-GCM with a random 96-bit nonce under a third for sealing. A sealed
 * value is {@code nonce ‖ ciphertext ‖ tag}; its plain text is {@code type\nscope\nvalue}. API keys
 * are hashed under a fourth key, {@code HMAC(hash key, "opencpm api-key hash v1")}: derived, so
 * that no new secret needs keeping, and separate, so that an API-key hash never equals an
 * identifier hash.
 */
public final class KeyedIdentityVault implements IdentityVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecretKeySpec sealKey;
    private final SecureRandom random = new SecureRandom();
    private final HmacSha256 hashMac;
    private final HmacSha256 pseudonymMac;
    private final HmacSha256 apiKeyMac;
    /** The provider that gave AES-GCM once: asking it directly skips the search through every provider. */
    private final Provider gcmProvider;

    /** What the API-key hash key is derived for; changing it would invalidate every stored API key. */
    static final String API_KEY_DERIVATION = "opencpm api-key hash v1";

    public KeyedIdentityVault(VaultKeys keys) {
        this.sealKey = new SecretKeySpec(keys.sealKey(), "AES");
        this.hashMac = new HmacSha256(keys.hashKey());
        this.pseudonymMac = new HmacSha256(keys.pseudonymKey());
        this.apiKeyMac = new HmacSha256(hashMac.sign(API_KEY_DERIVATION.getBytes(StandardCharsets.UTF_8)));
        try {
            this.gcmProvider = Cipher.getInstance(GCM).getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** A vault with fresh random keys, for tests and throw-away runs. */
    public static KeyedIdentityVault withRandomKeys() {
        return new KeyedIdentityVault(VaultKeys.random());
    }

    @Override
    public IdentifierHash hash(Identifier identifier) {
        return new IdentifierHash(hex(hashMac, identifier.canonical()));
    }

    @Override
    public String pseudonym(String value) {
        return hex(pseudonymMac, value);
    }

    @Override
    public String apiKeyHash(String apiKey) {
        return hex(apiKeyMac, apiKey);
    }

    @Override
    public SealedIdentifier seal(Identifier identifier) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(GCM, gcmProvider);
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] cipherText = cipher.doFinal(plainText(identifier));
            return new SealedIdentifier(ByteBuffer.allocate(nonce.length + cipherText.length).put(nonce).put(cipherText).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    @Override
    public Identifier open(SealedIdentifier sealed) {
        byte[] bytes = sealed.bytes();
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("not a sealed identifier");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(GCM, gcmProvider);
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed identifier was tampered with or sealed under another key", e);
        }
        String[] parts = new String(plain, StandardCharsets.UTF_8).split("\n", 3);
        return Identifier.of(IdentifierType.parse(parts[0], "type"), parts[2], parts[1].isEmpty() ? null : parts[1], "sealed");
    }

    private static byte[] plainText(Identifier identifier) {
        return (identifier.type().code() + "\n" + identifier.scope().orElse("") + "\n" + identifier.value())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(HmacSha256 mac, String text) {
        return HexFormat.of().formatHex(mac.sign(text.getBytes(StandardCharsets.UTF_8)));
    }
}
