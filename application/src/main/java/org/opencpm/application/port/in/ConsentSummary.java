package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Map;
import org.opencpm.domain.consent.ConsentState;

/**
 * The current consents counted by purpose and state.
 *
 * @param at        the instant the states were judged at (a grant past its validity counts as expired)
 * @param subjects  subjects known now (erased and merged ones excluded)
 * @param byPurpose per purpose code (every defined purpose, with zeros), the consents in each state
 */
public record ConsentSummary(Instant at, long subjects, Map<String, Map<ConsentState, Long>> byPurpose) {

    public ConsentSummary {
        byPurpose = Map.copyOf(byPurpose);
    }
}
