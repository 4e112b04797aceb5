package org.opencpm.application.port.out;

import java.util.Map;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** The current consent of each subject to each purpose. The history lives in the {@link AuditTrail}. */
public interface ConsentStore {

    /** Every consent of the subject, by purpose; empty when none was recorded. */
    Map<PurposeCode, Consent> consentsOf(SubjectId subject);

    /** Inserts or replaces the consent of its subject to its purpose. */
    void save(Consent consent);
}
