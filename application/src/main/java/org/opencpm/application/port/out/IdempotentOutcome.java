package org.opencpm.application.port.out;

import java.util.List;
import org.opencpm.application.port.in.ConsentReceipt;

/**
 * What a consent event produced the first time, kept under its idempotency key with a keyed
 * fingerprint of the event, so a repeat can be answered and a different event under the same
 * key refused.
 */
public record IdempotentOutcome(String fingerprint, List<ConsentReceipt> receipts) {

    public IdempotentOutcome {
        receipts = List.copyOf(receipts);
    }
}
