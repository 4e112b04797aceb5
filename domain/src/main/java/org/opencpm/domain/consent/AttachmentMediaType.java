package org.opencpm.domain.consent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.opencpm.domain.InvalidValueException;

/**
 * The file formats an evidence attachment may have, each known by the bytes it starts with. Only
 * formats that carry no script: a PNG or JPEG image (a signature), a PDF (a scanned form). SVG is
 * refused: it is XML that may hold script, and has no signature bytes to check (ADR 0013).
 */
public enum AttachmentMediaType {
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
    JPEG("image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
    PDF("application/pdf", "%PDF-".getBytes(StandardCharsets.US_ASCII));

    private final String value;
    private final byte[] magic;

    AttachmentMediaType(String value, byte[] magic) {
        this.value = value;
        this.magic = magic;
    }

    /** The media type as HTTP spells it, e.g. {@code image/png}. */
    public String value() {
        return value;
    }

    /** Whether {@code content} starts as a file of this type does (its "magic bytes"). */
    public boolean matches(byte[] content) {
        return content.length > magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    public static AttachmentMediaType parse(String value, String field) {
        for (AttachmentMediaType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new InvalidValueException(field, "'" + value + "' is not one of: "
                + Arrays.stream(values()).map(AttachmentMediaType::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value;
    }
}
