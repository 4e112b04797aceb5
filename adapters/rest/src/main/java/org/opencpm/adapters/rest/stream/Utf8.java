package org.opencpm.adapters.rest.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding of one line or field: bytes that are not UTF-8 are never repaired into U+FFFD. */
final class Utf8 {

    private Utf8() {
    }

    /** The text of {@code length} bytes at {@code offset}, or empty when they are not UTF-8. */
    static Optional<String> decode(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return strict(bytes, offset, length);
            }
        }
        return Optional.of(new String(bytes, offset, length, StandardCharsets.ISO_8859_1)); // ASCII: the quick way
    }

    private static Optional<String> strict(byte[] bytes, int offset, int length) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
