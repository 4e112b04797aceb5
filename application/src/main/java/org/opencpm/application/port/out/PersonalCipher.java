package org.opencpm.application.port.out;

import org.opencpm.domain.subject.SubjectId;

/**
 * Encrypts a person's data under a key of that person alone, so that destroying the key erases
 * the data wherever copies of the ciphertext remain — in the audit chain above all, whose hashes
 * cover the ciphertext and so still verify (crypto-shredding, PIPL Art. 47). Each key is made
 * here and stored only wrapped; a ciphertext is bound to its subject and to a context (the event
 * it belongs to), so it cannot be moved to another.
 */
public interface PersonalCipher {

    /** A fresh random key for {@code subject}, wrapped for storage. */
    WrappedKey newKey(SubjectId subject);

    /** Encrypts {@code plain} under {@code key} (fresh nonce each time), bound to {@code subject} and {@code context}. */
    byte[] seal(WrappedKey key, SubjectId subject, String context, byte[] plain);

    /**
     * Decrypts what {@link #seal} produced with the same key, subject and context.
     *
     * @throws IllegalArgumentException when it was tampered with, or sealed under another key, subject or context
     */
    byte[] open(WrappedKey key, SubjectId subject, String context, byte[] sealed);
}
