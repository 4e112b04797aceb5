package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Objects;
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
 * @param origin     the connector whose platform the change came in from (its callback), empty when
 *                   it came from anywhere else (the API, the preference centre, OpenCPM itself):
 *                   the change is not carried back to that connector ({@code ChangeFeed})
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
        String auditEventId,
        Optional<String> origin) {

    /**
     * What changed. {@code ERASURE}: the person is being erased (PIPL Art. 47) — the platform must
     * delete or untag everything it holds of them; it comes after the withdrawal of each of their
     * consents, with {@code erasureDue} true, no purpose and no state.
     */
    public enum Kind { CONSENT, PREFERENCES, ERASURE }

    public ConsentChange {
        Objects.requireNonNull(origin, "origin");
    }

    /** A change that came in from no connector. */
    public ConsentChange(SubjectId subject, Kind kind, Optional<PurposeCode> purpose, Optional<ConsentState> state, Preferences preferences,
                         long version, Instant occurredAt, boolean erasureDue, String auditEventId) {
        this(subject, kind, purpose, state, preferences, version, occurredAt, erasureDue, auditEventId, Optional.empty());
    }
}
