package org.opencpm.testfixtures;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentKind;
import org.opencpm.domain.consent.AttachmentMediaType;

/**
 * Evidence files for tests: bytes that start as their format's files do, followed by random bytes,
 * so that each file is new (its own hash) and its bytes can be searched for where they must not be.
 */
public final class EvidenceFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

    private EvidenceFiles() {
    }

    /** {@code size} bytes of a PNG: its signature, then random bytes. */
    public static byte[] png(int size) {
        return withRandomTail(PNG, size);
    }

    /** {@code size} bytes of a PDF: its header, then random bytes. */
    public static byte[] pdf(int size) {
        return withRandomTail(PDF, size);
    }

    /** A signature drawn on a tablet, as a PNG of a few KiB. */
    public static Attachment aSignature() {
        return Attachment.of(AttachmentKind.SIGNATURE, AttachmentMediaType.PNG, png(4_096), "evidence.attachments[0]");
    }

    /** A scanned paper form, as a PDF. */
    public static Attachment aScannedForm() {
        return Attachment.of(AttachmentKind.DOCUMENT, AttachmentMediaType.PDF, pdf(20_000), "evidence.attachments[1]");
    }

    private static byte[] withRandomTail(byte[] head, int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
