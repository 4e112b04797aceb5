package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.subject.SubjectId;

/**
 * The evidence files of consent events (a signature drawn on a store tablet, a scanned form),
 * kept per person by the SHA-256 of their bytes, sealed under the person's key: one file is kept
 * once per person however many events show it. What is kept for a person is deleted by their
 * erasure ({@link SubjectShredder}). Joins the caller's transaction. ADR 0013.
 */
public interface AttachmentStore {

    /**
     * Keeps {@code attachment} for {@code subject}, unless a file with its hash is kept for them already.
     *
     * @return whether it was kept now (false: it was there, and is left as it was)
     * @throws ConcurrencyConflictException when another transaction kept the same file for them meanwhile (retry)
     */
    boolean keep(SubjectId subject, SealedAttachment attachment);

    /** The file of {@code subject} with this hash; empty when none is kept for them (another person's included). */
    Optional<SealedAttachment> find(SubjectId subject, AttachmentHash hash);

    /** What is kept for {@code subject}, without the bytes: oldest first, then by hash. */
    List<KeptAttachment> keptFor(SubjectId subject);
}
