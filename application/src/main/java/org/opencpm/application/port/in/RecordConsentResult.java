package org.opencpm.application.port.in;

import java.util.List;

/**
 * The receipts of one consent event, one per purpose.
 *
 * @param replayed the event had been recorded before under the same idempotency key; these are
 *                 the receipts of that first time, and nothing new was written
 */
public record RecordConsentResult(List<ConsentReceipt> receipts, boolean replayed) {

    public RecordConsentResult {
        receipts = List.copyOf(receipts);
    }

    public RecordConsentResult asReplay() {
        return new RecordConsentResult(receipts, true);
    }
}
