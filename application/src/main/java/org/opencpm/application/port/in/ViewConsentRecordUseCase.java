package org.opencpm.application.port.in;

import org.opencpm.domain.subject.SubjectId;

/**
 * Read one consent event of a person as a consent record an auditor, or the person, can check
 * (ISO/IEC TS 27560; PIPL Art. 14, 17 the notice it was given on, Art. 15 what became of it,
 * Art. 54–56 the audit evidence that covers it).
 */
public interface ViewConsentRecordUseCase {

    /**
     * The consent record of receipt {@code receiptId} (what recording the consent event answered)
     * of {@code subject}, or of a subject merged into it.
     *
     * @throws org.opencpm.application.ReceiptNotFoundException when no consent event with that id
     *     belongs to this person (the same answer for an unknown id and for another person's)
     * @throws org.opencpm.application.SubjectErasedException when the person was erased
     * @throws org.opencpm.application.SubjectNotFoundException when the subject is unknown
     * @throws org.opencpm.application.SubjectMergedException when the subject was merged into another
     */
    ConsentRecord consentRecord(SubjectId subject, String receiptId);
}
