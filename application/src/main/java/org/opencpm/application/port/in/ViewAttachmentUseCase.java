package org.opencpm.application.port.in;

import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.subject.SubjectId;

/**
 * An evidence file of a person's consent events (a signature, a scanned form), by its hash, for
 * an auditor checking a consent (PIPL Art. 14, 54): the hash is the one the audit chain names.
 */
public interface ViewAttachmentUseCase {

    /**
     * The file of {@code subject} (or of a record merged into them) with {@code hash}.
     *
     * @throws org.opencpm.application.SubjectNotFoundException     when the subject is unknown
     * @throws org.opencpm.application.SubjectErasedException       when the subject was erased: their files are gone
     * @throws org.opencpm.application.SubjectMergedException       when the subject was merged into another: ask that one
     * @throws org.opencpm.application.AttachmentNotFoundException  when no such file is kept for them
     */
    AttachmentFile attachment(SubjectId subject, AttachmentHash hash);
}
