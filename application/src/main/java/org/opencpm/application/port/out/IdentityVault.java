package org.opencpm.application.port.out;

import org.opencpm.domain.subject.Identifier;

/**
 * Keeps personal identifiers unreadable at rest: keyed hashes to find subjects by, encryption
 * where the raw value must be recovered, and keyed pseudonyms for de-identified data. The keys
 * never leave the vault.
 */
public interface IdentityVault {

    /** HMAC-SHA-256 of {@link Identifier#canonical()}: equal identifiers, equal hashes. */
    IdentifierHash hash(Identifier identifier);

    /** Encrypts the identifier (AES-GCM, fresh nonce each time). */
    SealedIdentifier seal(Identifier identifier);

    /** Decrypts what {@link #seal} produced; fails if it was tampered with. */
    Identifier open(SealedIdentifier sealed);

    /**
     * A keyed, irreversible stand-in for {@code value} (hex HMAC under a key of its own), stable
     * across calls: the same value always gets the same pseudonym, so de-identified rows still join.
     */
    String pseudonym(String value);

    /**
     * A keyed, irreversible hash of an API key (hex HMAC-SHA-256 under a key of its own, derived
     * from the vault's hash key), so that a copy of the key table alone cannot be used to test
     * guesses; the key itself is never stored.
     */
    String apiKeyHash(String apiKey);
}
