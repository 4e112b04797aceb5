package org.opencpm.domain.consent;

import java.util.Objects;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * A file kept as evidence of a consent event — the signature a person drew on a store tablet, the
 * scan of a paper form (PIPL Art. 14: consent is shown to be given; GB/T 35273 §5.4) — known by the
 * SHA-256 of its bytes. Its bytes are what the file's format says they are ({@link
 * AttachmentMediaType#matches}): a file claiming to be a PNG but holding HTML is refused.
 *
 * <p>Invariants: not empty, at most {@value #MAX_BYTES} bytes, starting with its type's signature
 * bytes. Immutable: the bytes are copied in and out.
 */
public final class Attachment {

    /** The most bytes one attachment may have: a signature image is tens of KiB, a scanned page a few hundred. */
    public static final int MAX_BYTES = 512 * 1024;

    private final AttachmentKind kind;
    private final AttachmentMediaType mediaType;
    private final byte[] content;
    private final AttachmentHash hash;

    private Attachment(AttachmentKind kind, AttachmentMediaType mediaType, byte[] content) {
        this.kind = kind;
        this.mediaType = mediaType;
        this.content = content;
        this.hash = AttachmentHash.of(content);
    }

    /**
     * @param field where the attachment was given, to name it when it is refused ({@code evidence.attachments[0]})
     * @throws InvalidValueException when the bytes are empty, too many, or not of {@code mediaType}
     */
    public static Attachment of(AttachmentKind kind, AttachmentMediaType mediaType, byte[] content, String field) {
        Checks.required(kind, field + ".kind");
        Checks.required(mediaType, field + ".mediaType");
        Checks.required(content, field + ".content");
        if (content.length == 0) {
            throw new InvalidValueException(field + ".content", "is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidValueException(field + ".content", "is " + content.length + " bytes; at most " + MAX_BYTES + " are kept");
        }
        if (!mediaType.matches(content)) {
            throw new InvalidValueException(field + ".content", "is not a " + mediaType.value() + " file (its first bytes say otherwise)");
        }
        return new Attachment(kind, mediaType, content.clone());
    }

    public AttachmentKind kind() {
        return kind;
    }

    public AttachmentMediaType mediaType() {
        return mediaType;
    }

    public AttachmentHash hash() {
        return hash;
    }

    public int size() {
        return content.length;
    }

    /** A copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** Equal when of the same kind, type and bytes (the hash stands for the bytes). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment other && kind == other.kind && mediaType == other.mediaType && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, mediaType, hash);
    }

    /** {@code signature image/png sha256:<hex>}: what the audit trail says of it, never its bytes. */
    @Override
    public String toString() {
        return kind.code() + " " + mediaType.value() + " " + hash.tagged();
    }
}
