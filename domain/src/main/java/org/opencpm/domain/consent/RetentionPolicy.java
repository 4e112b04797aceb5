package org.opencpm.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * When a person's data has outlived every purpose it was collected for: PIPL Art. 19 keeps personal
 * information no longer than the purposes need, and Art. 47 (2) has it deleted once the retention
 * period has run out. A person becomes erasure-due when, together:
 *
 * <ul>
 *   <li>none of their consents is granted or pending (a grant past its validity counts as ended,
 *       at its {@code expiresAt}, whether or not its expiry was recorded yet);</li>
 *   <li>every purpose they ever had a consent for rests on consent: a purpose on another lawful
 *       basis (a contract, a legal obligation… PIPL Art. 13) keeps the data for that basis, which
 *       OpenCPM cannot see end;</li>
 *   <li>every such purpose declares {@code retentionDays}, and that many days have passed since the
 *       consent to it ended (its {@code changedAt}). A purpose without {@code retentionDays} never
 *       makes anyone due: the operator did not say how long its data is needed, and OpenCPM will
 *       not guess a period after which to destroy it.</li>
 * </ul>
 *
 * A person with no consent at all is never due by this rule: nothing says how long their data is
 * needed. Open rights requests are the application's to check (they keep a person from being due too).
 */
public final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /**
     * Since when the person whose consents are {@code consents} is erasure-due: the latest end of
     * retention over their purposes; empty when they are not due at {@code now}.
     *
     * @param purposes the defined purposes; a consent to a purpose not among them keeps the person
     */
    public static Optional<Instant> erasureDueSince(Map<PurposeCode, Consent> consents, Map<PurposeCode, Purpose> purposes,
                                                    Instant now) {
        if (consents.isEmpty()) {
            return Optional.empty();
        }
        Instant dueSince = Instant.MIN;
        for (Consent consent : consents.values()) {
            ConsentState state = consent.stateAt(now);
            if (state.inForce()) {
                return Optional.empty();
            }
            Purpose purpose = purposes.get(consent.purpose());
            if (purpose == null || !purpose.requiresConsent() || purpose.retentionDays().isEmpty()) {
                return Optional.empty();
            }
            Instant ended = consent.lapsedBy(now) ? consent.expiresAt().orElseThrow() : consent.changedAt();
            Instant retainedUntil = ended.plus(Duration.ofDays(purpose.retentionDays().get()));
            if (retainedUntil.isAfter(dueSince)) {
                dueSince = retainedUntil;
            }
        }
        return now.isBefore(dueSince) ? Optional.empty() : Optional.of(dueSince);
    }
}
