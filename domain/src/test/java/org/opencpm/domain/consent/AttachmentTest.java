package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

/** Evidence files: their bytes are what their format says, bounded in size and number, known by their SHA-256. */
class AttachmentTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
        for (int i = PNG_SIGNATURE.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static Attachment signature(byte[] bytes) {
        return Attachment.of(AttachmentKind.SIGNATURE, AttachmentMediaType.PNG, bytes, "evidence.attachments[0]");
    }

    private static Evidence evidence(List<Attachment> files) {
        return new Evidence(CollectionChannel.STORE, ConsentMethod.SIGNATURE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), files);
    }

    @Test
    @DisplayName("a file is known by the SHA-256 of its bytes, as sha256sum prints it")
    void a_file_is_known_by_the_sha256_of_its_bytes() throws Exception {
        byte[] bytes = png(100);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        Attachment file = signature(bytes);

        assertThat(file.hash().hex()).isEqualTo(expected);
        assertThat(file.hash().tagged()).isEqualTo("sha256:" + expected);
        assertThat(file.toString()).isEqualTo("signature image/png sha256:" + expected).doesNotContain("PNG");
        bytes[50] ^= 1;
        assertThat(file.content()).as("the bytes were copied in").isNotEqualTo(bytes);
    }

    @Test
    @DisplayName("a file whose first bytes are not its declared format's is refused, naming the field")
    void a_file_that_is_not_what_it_claims_is_refused() {
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> signature(html)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("evidence.attachments[0].content").hasMessageContaining("not a image/png");
        assertThatThrownBy(() -> Attachment.of(AttachmentKind.DOCUMENT, AttachmentMediaType.PDF, png(100), "a"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Attachment.of(AttachmentKind.SIGNATURE, AttachmentMediaType.JPEG, png(100), "a"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> signature(PNG_SIGNATURE)).as("the signature alone is no file").isInstanceOf(InvalidValueException.class);
        assertThat(Attachment.of(AttachmentKind.DOCUMENT, AttachmentMediaType.PDF, "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.US_ASCII), "a")
                .mediaType()).isEqualTo(AttachmentMediaType.PDF);
        assertThat(Attachment.of(AttachmentKind.SIGNATURE, AttachmentMediaType.JPEG, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0},
                "a").size()).isEqualTo(4);
    }

    @Test
    void empty_and_oversized_files_are_refused() {
        assertThatThrownBy(() -> signature(new byte[0])).isInstanceOf(InvalidValueException.class).hasMessageContaining("empty");
        assertThat(signature(png(Attachment.MAX_BYTES)).size()).isEqualTo(Attachment.MAX_BYTES);
        assertThatThrownBy(() -> signature(png(Attachment.MAX_BYTES + 1))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most " + Attachment.MAX_BYTES);
    }

    @Test
    @DisplayName("SVG and other formats are not accepted: only image/png, image/jpeg and application/pdf")
    void only_formats_without_script_are_accepted() {
        assertThatThrownBy(() -> AttachmentMediaType.parse("image/svg+xml", "evidence.attachments[0].mediaType"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("image/png, image/jpeg, application/pdf");
        assertThatThrownBy(() -> AttachmentMediaType.parse("text/html", "m")).isInstanceOf(InvalidValueException.class);
        assertThat(AttachmentMediaType.parse("application/pdf", "m")).isEqualTo(AttachmentMediaType.PDF);
    }

    @Test
    void an_event_carries_a_bounded_number_and_size_of_files_each_once() {
        List<Attachment> four = List.of(signature(png(10)), signature(png(11)), signature(png(12)), signature(png(13)));
        assertThat(evidence(four).attachments()).hasSize(Evidence.MAX_ATTACHMENTS);
        List<Attachment> five = new java.util.ArrayList<>(four);
        five.add(signature(png(14)));
        assertThatThrownBy(() -> evidence(five)).isInstanceOf(InvalidValueException.class).hasMessageContaining("at most 4");

        Attachment big = signature(png(Attachment.MAX_BYTES));
        Attachment bigToo = signature(png(Attachment.MAX_BYTES - 1));
        assertThatThrownBy(() -> evidence(List.of(big, bigToo))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most " + Evidence.MAX_ATTACHMENT_BYTES);

        assertThatThrownBy(() -> evidence(Collections.nCopies(2, signature(png(10))))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("attached twice");
        assertThat(Evidence.of(CollectionChannel.STORE, ConsentMethod.SIGNATURE).attachments()).isEmpty();
    }

    @Test
    void a_hash_is_read_with_or_without_its_prefix_in_either_case_and_nothing_else() {
        String hex = "ab".repeat(32);
        assertThat(AttachmentHash.parse(hex, "h")).isEqualTo(new AttachmentHash(hex));
        assertThat(AttachmentHash.parse("sha256:" + hex.toUpperCase(java.util.Locale.ROOT), "h")).isEqualTo(new AttachmentHash(hex));
        for (String bad : new String[] {"", "ab", hex + "a", "sha256:" + hex.substring(1) + "g", "md5:" + hex, "../" + hex.substring(3)}) {
            assertThatThrownBy(() -> AttachmentHash.parse(bad, "sha256")).as(bad).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("sha256");
        }
    }
}
