package org.opencpm.domain.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;

/**
 * Whether a message may be sent now, on top of the decision that the use is allowed (MIIT Order
 * 31; consumer protection rules against harassment):
 * <ul>
 *   <li>the use must be allowed ({@link DecisionPolicy});</li>
 *   <li>not during the person's quiet hours, and for marketing not during the
 *       {@link org.opencpm.domain.preference.QuietHours#MARKETING_CURFEW curfew} (22:00–08:00);</li>
 *   <li>within the channel's frequency cap for each period, which the caller consumes
 *       atomically from the {@link org.opencpm.domain.preference.FrequencyBudget}.</li>
 * </ul>
 * Messages on another lawful basis (a delivery notice under contract) skip quiet hours and caps.
 */
public final class SendPermitPolicy {

    private SendPermitPolicy() {
    }

    /** What a permit request comes to before the budget is consulted. */
    public sealed interface Check permits Refused, Admissible {
    }

    /** No permit, and why. */
    public record Refused(Reason reason) implements Check {
    }

    /** A permit may be issued if one unit of each limit is still free. Empty limits: no cap. */
    public record Admissible(List<PeriodLimit> limits) implements Check {
        public Admissible {
            limits = List.copyOf(limits);
        }
    }

    public static Check check(Decision decision, Purpose purpose, Preferences preferences, ContactChannel channel,
                              Instant now) {
        if (!decision.allowed()) {
            return new Refused(decision.reason());
        }
        if (LawfulBasisPolicy.decidesWithoutConsent(purpose)) {
            return new Admissible(List.of());
        }
        boolean quiet = preferences.quietHours().map(hours -> hours.contains(now)).orElse(false);
        boolean curfew = purpose.category() == PurposeCategory.MARKETING
                && QuietHours.MARKETING_CURFEW.contains(now);
        if (quiet || curfew) {
            return new Refused(Reason.QUIET_HOURS);
        }
        ZoneId zone = preferences.quietHours().map(QuietHours::zone).orElse(ChinaTime.ZONE);
        return new Admissible(preferences.channel(channel).cap().limitsAt(now, zone));
    }
}
