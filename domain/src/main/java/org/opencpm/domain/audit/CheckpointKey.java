package org.opencpm.domain.audit;

import java.time.Instant;
import org.opencpm.domain.Checks;

/**
 * A public key that signs checkpoints, as published at {@code GET /api/v1/audit/public-keys} and
 * recorded in the chain ({@link AuditEventType#AUDIT_KEY_ADDED}) when it came into use.
 *
 * @param validFrom when it came into use (the key event's time)
 */
public record CheckpointKey(String keyId, String algorithm, String publicKeyPem, Instant validFrom) {

    public CheckpointKey {
        Checks.requiredText(keyId, "keyId");
        Checks.requiredText(algorithm, "algorithm");
        Checks.requiredText(publicKeyPem, "publicKeyPem");
        Checks.required(validFrom, "validFrom");
    }
}
