package org.opencpm.application.consent;

import java.time.Instant;
import java.util.Map;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The time of an event that must change the person's consents, not arrive "late" behind them (ADR
 * 0005): now, or just after their latest event when that one is stamped later — by another node
 * whose clock runs a little ahead of this one's. Such an event is also taken as received at that
 * time: {@code ConsentRecorder} takes a time after the one received as a client's fast clock and
 * records it at the time received, which would put it behind the latest event again.
 */
final class AfterLatestEvent {

    private AfterLatestEvent() {
    }

    /** Now, or one millisecond after the latest event of {@code current} if that is not before now. */
    static Instant at(Map<PurposeCode, Consent> current, Instant now) {
        Instant after = current.values().stream().map(Consent::changedAt).max(Instant::compareTo).orElse(now).plusMillis(1);
        return after.isAfter(now) ? after : now;
    }
}
