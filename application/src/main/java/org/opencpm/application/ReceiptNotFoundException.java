package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No consent receipt with this id belongs to this subject. */
public final class ReceiptNotFoundException extends DomainException {

    public ReceiptNotFoundException(String receiptId) {
        super("receipt-not-found", Kind.NOT_FOUND, "no receipt " + receiptId + " for this subject");
    }
}
