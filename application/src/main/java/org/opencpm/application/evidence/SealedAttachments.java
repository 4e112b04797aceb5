package org.opencpm.application.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.audit.PersonalData;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.SealedAttachment;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's evidence files sealed under their own key (AES-256-GCM, bound to the person and to the
 * file's hash, {@code attachment:sha256:<hex>}: a sealed file cannot be passed off as another's or
 * another person's), so that their erasure leaves no readable copy anywhere — in the table, its
 * free pages or a backup (PIPL Art. 47; ADR 0010, 0013).
 */
public final class SealedAttachments {

    private final AttachmentStore store;
    private final PersonalData sealing;

    /** @param sealing with the erasure guard: no key is made again for an erased person */
    public SealedAttachments(AttachmentStore store, PersonalData sealing) {
        this.store = store;
        this.sealing = sealing;
    }

    /**
     * Keeps each of {@code attachments} for {@code subject}, sealed; a file kept for them already
     * (the same bytes shown by an earlier event) is left as it is. Call inside the transaction that
     * records the event, after the subject is saved: all or nothing with it.
     */
    public void keep(SubjectId subject, List<Attachment> attachments, Instant now) {
        for (Attachment attachment : attachments) {
            if (store.find(subject, attachment.hash()).isPresent()) {
                continue; // the same file again: kept once per person (the new event's audit detail names it all the same)
            }
            byte[] sealed = sealing.seal(subject, context(attachment.hash()), attachment.content());
            store.keep(subject, new SealedAttachment(new KeptAttachment(attachment.hash(), attachment.mediaType(), attachment.size(), now),
                    sealed));
        }
    }

    /** What a file kept for a person became: readable, or unreadable for good with their key. */
    public sealed interface Opened {
    }

    /** The file, its bytes checked against its hash. */
    public record Readable(KeptAttachment kept, byte[] content) implements Opened {
    }

    /** The person's key was destroyed: their files are noise. */
    public record Erased() implements Opened {
    }

    /**
     * The file of {@code subject} with {@code hash}; empty when none is kept for them.
     *
     * @throws IllegalStateException when it does not open under the person's key, or opens to other bytes (tampering)
     */
    public Optional<Opened> open(SubjectId subject, AttachmentHash hash) {
        return store.find(subject, hash).map(found -> sealing.open(subject, context(hash), found.sealed())
                .<Opened>map(content -> {
                    if (!AttachmentHash.of(content).equals(hash)) {
                        throw new IllegalStateException("the file kept as " + hash + " for " + subject + " opens to other bytes");
                    }
                    return new Readable(found.kept(), content);
                })
                .orElseGet(Erased::new));
    }

    static String context(AttachmentHash hash) {
        return "attachment:" + hash.tagged();
    }
}
