package org.opencpm.adapters.vault;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under one key, for the vault's hashes and the self-token signatures. The {@link Mac}
 * is looked up and initialised once and cloned per signature, never used itself: a clone costs a
 * copy of the HMAC's state, where {@code Mac.getInstance} searches the providers; and a prototype
 * nobody updates can be cloned by any number of threads at once. (A ThreadLocal would make a new
 * one per virtual thread, that is per connection.)
 */
final class HmacSha256 {

    private final Mac prototype;

    HmacSha256(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            this.prototype = mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }

    HmacSha256(byte[] key) {
        this(new SecretKeySpec(key, "HmacSHA256"));
    }

    byte[] sign(byte[] message) {
        try {
            return ((Mac) prototype.clone()).doFinal(message);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's HMAC-SHA256 cannot be cloned", e);
        }
    }
}
