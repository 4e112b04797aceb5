package org.opencpm.application.port.out;

import java.time.Instant;
import org.opencpm.domain.Checks;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.AttachmentMediaType;

/**
 * What is known of an evidence file kept for a person, without its bytes: its hash, its format, its
 * size in bytes (in clear) and when it was first kept.
 */
public record KeptAttachment(AttachmentHash hash, AttachmentMediaType mediaType, int size, Instant storedAt) {

    public KeptAttachment {
        Checks.required(hash, "hash");
        Checks.required(mediaType, "mediaType");
        Checks.positive(size, "size");
        Checks.required(storedAt, "storedAt");
    }
}
