package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.rights.RightsRequest;

/**
 * What the preference centre shows a person: each purpose with the notice that covers it and their
 * state now, their preferences, and their open rights requests with due dates. Never an identifier.
 */
public record SelfOverview(List<PurposeEntry> purposes, Preferences preferences, List<RightsRequest> rightsRequests,
                           Instant sessionExpiresAt) {

    public SelfOverview {
        purposes = List.copyOf(purposes);
        rightsRequests = List.copyOf(rightsRequests);
    }

    /**
     * One purpose.
     *
     * @param state      the person's state now; empty when they never answered
     * @param notice     the notice version they answered on, else the latest one covering the purpose
     * @param withdrawable whether a withdrawal would change something (consent-based and in force)
     * @param grantable  whether a grant would change something (consent-based, not in force, a notice covers it)
     */
    public record PurposeEntry(Purpose purpose, Optional<ConsentState> state, Optional<Instant> grantedAt,
                               Optional<Instant> expiresAt, Optional<Notice> notice, boolean withdrawable, boolean grantable) {
    }
}
