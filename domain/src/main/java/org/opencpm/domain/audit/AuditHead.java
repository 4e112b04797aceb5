package org.opencpm.domain.audit;

import org.opencpm.domain.Checks;

/** The last event of a chain as someone vouches for it: its sequence number and hash. */
public record AuditHead(long seq, String hash) {

    public AuditHead {
        Checks.requiredText(hash, "hash");
    }

    public static AuditHead of(AuditEvent event) {
        return new AuditHead(event.seq(), event.hash());
    }
}
