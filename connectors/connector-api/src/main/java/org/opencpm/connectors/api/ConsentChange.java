package org.opencpm.connectors.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to carry to the platform: a consent that changed state, preferences that changed, or
 * a person being erased.
 *
 * <p>{@link #version()} grows with each change of a subject. Changes of one subject reach a
 * connector in version order, but a replayed dead letter may arrive after a newer change: a
 * platform that has seen a higher version of a subject keeps it.
 *
 * @param deliveryId  unique per delivery: a platform can use it to drop duplicates (delivery is at least once)
 * @param purpose     the purpose whose consent changed; empty for a preference change
 * @param state       the consent's new state; empty for a preference change
 * @param erasureDue  the data must now be deleted unless another lawful basis remains (PIPL Art. 47)
 * @param identifiers the subject's identifiers of the types the connector asked for
 */
public record ConsentChange(long deliveryId, String subjectId, Kind kind, Optional<String> purpose, Optional<State> state,
                            long version, Instant occurredAt, boolean erasureDue, List<SubjectIdentifier> identifiers,
                            PreferenceSnapshot preferences) {

    /**
     * What changed. {@code ERASURE} (since 1.4.0): the person is being erased (PIPL Art. 47) —
     * delete or untag everything the platform holds of them, with the identifiers given; it comes
     * after a withdrawal of each of their consents, with {@code erasureDue} true, no purpose and no
     * state. It is the last change of that person the platform gets: afterwards OpenCPM holds no
     * identifier of theirs. A plugin must treat a kind it does not know as nothing to do.
     */
    public enum Kind { CONSENT, PREFERENCES, ERASURE }

    /** A consent's state; codes as in OpenCPM's API ({@code granted}…). */
    public enum State {
        PENDING, GRANTED, DENIED, WITHDRAWN, EXPIRED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ConsentChange {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(occurredAt, "occurredAt");
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(preferences, "preferences");
    }
}
