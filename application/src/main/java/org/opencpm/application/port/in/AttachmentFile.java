package org.opencpm.application.port.in;

import java.util.Arrays;
import java.util.Objects;
import org.opencpm.domain.Checks;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.AttachmentMediaType;

/** An evidence file opened: its hash, its format and its bytes, as they were when it was recorded. */
public record AttachmentFile(AttachmentHash hash, AttachmentMediaType mediaType, byte[] content) {

    public AttachmentFile {
        Checks.required(hash, "hash");
        Checks.required(mediaType, "mediaType");
        content = Checks.required(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttachmentFile other && hash.equals(other.hash) && mediaType == other.mediaType
                && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, mediaType);
    }

    @Override
    public String toString() {
        return "AttachmentFile[" + mediaType.value() + " " + hash + ", " + content.length + " bytes]";
    }
}
