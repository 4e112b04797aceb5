package org.opencpm.adapters.rest.json;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentKind;
import org.opencpm.domain.consent.AttachmentMediaType;
import org.opencpm.domain.consent.Evidence;

/**
 * Reads {@code evidence.attachments}: {@code [{kind, mediaType, content}]}, the content as base64
 * (RFC 4648, no line breaks). Cheap checks first — how many, how long the text is — so that an
 * oversized or malformed file is refused, naming its field, before any bytes are decoded; what the
 * bytes must be (their format's signature, their size) is the domain's {@link Attachment}.
 */
final class EvidenceAttachments {

    /** The longest base64 text of an attachment of {@link Attachment#MAX_BYTES} bytes. */
    static final int MAX_BASE64 = 4 * ((Attachment.MAX_BYTES + 2) / 3);

    private EvidenceAttachments() {
    }

    static List<Attachment> read(Fields evidence) {
        List<Fields> given = evidence.objects("attachments");
        if (given.size() > Evidence.MAX_ATTACHMENTS) {
            throw new JsonInputException(evidence.path("attachments"), "at most " + Evidence.MAX_ATTACHMENTS + " files in one event");
        }
        List<Attachment> files = new ArrayList<>(given.size());
        for (Fields a : given) {
            a.allowOnly("kind", "mediaType", "content");
            AttachmentKind kind = AttachmentKind.parse(a.requiredString("kind"), a.path("kind"));
            AttachmentMediaType type = AttachmentMediaType.parse(a.requiredString("mediaType"), a.path("mediaType"));
            files.add(Attachment.of(kind, type, decode(a.requiredString("content"), a.path("content")), a.path()));
        }
        return files;
    }

    private static byte[] decode(String base64, String field) {
        if (base64.length() > MAX_BASE64) {
            throw new JsonInputException(field, "holds more than " + Attachment.MAX_BYTES + " bytes; at most that many are kept");
        }
        if (base64.startsWith("data:")) {
            throw new JsonInputException(field, "must be the file's bytes in base64 alone, without a 'data:' URL prefix");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new JsonInputException(field, "is not base64 (RFC 4648 alphabet, no line breaks)");
        }
    }
}
