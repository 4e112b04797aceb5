package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * A change that connectors must carry to the platforms where the data is used: a consent that
 * changed state, or preferences that changed. Written to the {@link Outbox} in the transaction of
 * the change; delivered in {@link #version()} order per subject.
 *
 * @param purpose    the purpose whose consent changed; empty for a preference change
 * @param state      the consent's new state; empty for a preference change
 * @param erasureDue the data must now be deleted unless another lawful basis remains (PIPL Art. 47)
 * @param auditEventId the audit event that records the change
 */
public record ConsentChange(
        SubjectId subject,
        Kind kind,
        Optional<PurposeCode> purpose,
        Optional<ConsentState> state,
        Preferences preferences,
        long version,
        Instant occurredAt,
        boolean erasureDue,
        String auditEventId) {

    public enum Kind { CONSENT, PREFERENCES }
}
