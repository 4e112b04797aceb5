package org.opencpm.adapters.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opencpm.application.port.out.PersonalCipher;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * Per-person keys for crypto-shredding: each a random AES-256 key, stored wrapped by AES-256-GCM
 * under a key-encryption key derived from the vault's seal key
 * ({@code HMAC(seal key, "opencpm person-key wrap v1")}: no new secret to keep), with the subject
 * id as associated data so that a wrapped key cannot be given to another person. Data is sealed by
 * AES-256-GCM under the person's key with {@code subjectId \n context} as associated data. Both
 * forms are {@code nonce(12) ‖ ciphertext ‖ tag(16)}.
 */
public final class PersonKeyCipher implements PersonalCipher {

    static final String WRAP_DERIVATION = "opencpm person-key wrap v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecretKeySpec wrapKey;
    private final SecureRandom random = new SecureRandom();
    private final Provider gcmProvider;

    public PersonKeyCipher(VaultKeys keys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.sealKey(), "HmacSHA256"));
            this.wrapKey = new SecretKeySpec(mac.doFinal(WRAP_DERIVATION.getBytes(StandardCharsets.UTF_8)), "AES");
            this.gcmProvider = Cipher.getInstance(GCM).getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 and AES-GCM are part of every Java platform", e);
        }
    }

    /** A cipher under fresh random keys, for tests and throw-away runs. */
    public static PersonKeyCipher withRandomKeys() {
        return new PersonKeyCipher(VaultKeys.random());
    }

    @Override
    public WrappedKey newKey(SubjectId subject) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            return new WrappedKey(encrypt(wrapKey, keyBinding(subject), key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] seal(WrappedKey key, SubjectId subject, String context, byte[] plain) {
        byte[] raw = unwrap(key, subject);
        try {
            return encrypt(new SecretKeySpec(raw, "AES"), dataBinding(subject, context), plain);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public byte[] open(WrappedKey key, SubjectId subject, String context, byte[] sealed) {
        byte[] raw = unwrap(key, subject);
        try {
            return decrypt(new SecretKeySpec(raw, "AES"), dataBinding(subject, context), sealed, "personal data");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private byte[] unwrap(WrappedKey key, SubjectId subject) {
        byte[] raw = decrypt(wrapKey, keyBinding(subject), key.bytes(), "a person's key");
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a person's key unwraps to " + raw.length + " bytes");
        }
        return raw;
    }

    private static byte[] keyBinding(SubjectId subject) {
        return ("key\n" + subject.value()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dataBinding(SubjectId subject, String context) {
        return ("data\n" + subject.value() + "\n" + context).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encrypt(SecretKeySpec key, byte[] binding, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(GCM, gcmProvider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding);
            byte[] cipherText = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + cipherText.length).put(nonce).put(cipherText).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    private byte[] decrypt(SecretKeySpec key, byte[] binding, byte[] sealed, String what) {
        if (sealed.length <= NONCE_BYTES) {
            throw new IllegalArgumentException(what + " is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance(GCM, gcmProvider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(binding);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " was tampered with, or sealed under another key or for another person", e);
        }
    }
}
