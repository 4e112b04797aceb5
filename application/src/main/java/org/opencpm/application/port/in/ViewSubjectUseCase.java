package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.subject.SubjectId;

/** Read a subject's consents now, and their history oldest first with the audit hashes. */
public interface ViewSubjectUseCase {

    /** @throws org.opencpm.application.SubjectNotFoundException when the subject is unknown */
    SubjectConsents consentsOf(SubjectId subjectId);

    /** Every audit event about the subject, oldest first. */
    List<AuditEvent> historyOf(SubjectId subjectId);

    /** One consent receipt (an audit event about this subject). */
    AuditEvent receipt(SubjectId subjectId, String receiptId);
}
