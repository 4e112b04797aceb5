package org.opencpm.application.port.out;

/**
 * Signs the preference centre's self-service tokens (ADR 0022): a keyed MAC (HMAC-SHA-256) under a
 * server secret every node shares, so a link issued on one node opens on any other. The secret
 * never leaves the adapter; a token is checked by signing its payload again and comparing.
 */
public interface SelfTokenSigner {

    /** The MAC of {@code message} under the server's self-token key. */
    byte[] sign(byte[] message);
}
