package org.opencpm.domain.consent;

import org.opencpm.domain.Coded;

/** What an evidence attachment of a consent event is. */
public enum AttachmentKind implements Coded {
    /** The person's signature, drawn on a store tablet or signing pad. */
    SIGNATURE,
    /** A document: a scanned paper form the person filled in and signed. */
    DOCUMENT;

    public static AttachmentKind parse(String code, String field) {
        return Coded.parse(AttachmentKind.class, code, field);
    }
}
