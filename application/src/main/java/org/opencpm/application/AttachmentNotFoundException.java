package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.consent.AttachmentHash;

/** No evidence file with this hash is kept for this subject (another person's file included); HTTP 404. */
public final class AttachmentNotFoundException extends DomainException {

    public AttachmentNotFoundException(AttachmentHash hash) {
        super("attachment-not-found", Kind.NOT_FOUND, "no attachment " + hash + " for this subject");
    }
}
