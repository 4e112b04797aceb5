package org.opencpm.testfixtures;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;

/**
 * A vault with keys held in memory, doing the real thing: HMAC-SHA-256 for hashes and
 * pseudonyms (separate keys), AES-256-GCM with a random 96-bit nonce for sealing.
 */
public final class InMemoryIdentityVault implements IdentityVault {

    private final SecretKeySpec hashKey;
    private final SecretKeySpec pseudonymKey;
    private final SecretKeySpec sealKey;
    private final SecureRandom random = new SecureRandom();

    public InMemoryIdentityVault() {
        this(randomKey(), randomKey(), randomKey());
    }

    public InMemoryIdentityVault(byte[] hashKey, byte[] pseudonymKey, byte[] sealKey) {
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
        this.pseudonymKey = new SecretKeySpec(pseudonymKey, "HmacSHA256");
        this.sealKey = new SecretKeySpec(sealKey, "AES");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public IdentifierHash hash(Identifier identifier) {
        return new IdentifierHash(hmac(hashKey, identifier.canonical()));
    }

    @Override
    public String pseudonym(String value) {
        return hmac(pseudonymKey, value);
    }

    @Override
    public SealedIdentifier seal(Identifier identifier) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, nonce));
            byte[] cipherText = cipher.doFinal(plainText(identifier));
            return new SealedIdentifier(ByteBuffer.allocate(nonce.length + cipherText.length).put(nonce).put(cipherText).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    @Override
    public Identifier open(SealedIdentifier sealed) {
        try {
            byte[] bytes = sealed.bytes();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, bytes, 0, 12));
            String[] parts = new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8).split("\n", 3);
            return Identifier.of(IdentifierType.parse(parts[0], "type"), parts[2], parts[1].isEmpty() ? null : parts[1], "sealed");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed identifier was tampered with or sealed under another key", e);
        }
    }

    private static byte[] plainText(Identifier identifier) {
        return (identifier.type().code() + "\n" + identifier.scope().orElse("") + "\n" + identifier.value())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }
}
