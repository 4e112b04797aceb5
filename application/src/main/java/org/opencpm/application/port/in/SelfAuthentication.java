package org.opencpm.application.port.in;

/**
 * What a self-service token turned out to be. Only a token whose signature holds is told apart
 * as {@link Expired} or {@link Gone}: for anything else the answer is {@link Invalid}, whatever
 * was wrong with it.
 */
public sealed interface SelfAuthentication {

    record Valid(SelfSession session) implements SelfAuthentication {
    }

    /** Signed by us, but past its expiry. */
    record Expired() implements SelfAuthentication {
    }

    /** Signed by us, but the person it names is erased, being erased or merged into another record. */
    record Gone() implements SelfAuthentication {
    }

    /** Not a token of ours: malformed, tampered with, or signed under another key. */
    record Invalid() implements SelfAuthentication {
    }
}
