package org.opencpm.domain.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.Checks;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;

/**
 * Whether a message may be sent now, on top of the decision that the use is allowed (MIIT Order
 * 31 Art. 18; Consumer Rights Protection Law Art. 29 ¶3 and its 2024 Implementing Regulations:
 * no commercial messages without consent, no harassment):
 * <ul>
 *   <li>the use must be allowed ({@link DecisionPolicy});</li>
 *   <li>not during the person's quiet hours, and for marketing not during the operator's
 *       {@link SendRules#marketingCurfew() curfew} (by default 22:00–08:00 Beijing time);</li>
 *   <li>within the channel's frequency cap for each period — for marketing the tighter of the
 *       person's and the operator's {@link SendRules#marketingCap default} — which the caller
 *       consumes atomically from the {@link org.opencpm.domain.preference.FrequencyBudget}.</li>
 * </ul>
 * Messages on another lawful basis (a delivery notice under contract) skip quiet hours, curfew
 * and caps. Calendar periods are counted in the person's time zone (that of their quiet hours),
 * else in Beijing time.
 */
public final class SendPermitPolicy {

    private final SendRules rules;

    public SendPermitPolicy(SendRules rules) {
        this.rules = Checks.required(rules, "rules");
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

    public Check check(Decision decision, Purpose purpose, Preferences preferences, ContactChannel channel, Instant now) {
        if (!decision.allowed()) {
            return new Refused(decision.reason());
        }
        if (LawfulBasisPolicy.decidesWithoutConsent(purpose)) {
            return new Admissible(List.of());
        }
        boolean marketing = purpose.category() == PurposeCategory.MARKETING;
        boolean quiet = preferences.quietHours().map(hours -> hours.contains(now)).orElse(false);
        if (quiet || marketing && rules.inMarketingCurfew(now)) {
            return new Refused(Reason.QUIET_HOURS);
        }
        FrequencyCap cap = preferences.channel(channel).cap();
        FrequencyCap effective = marketing ? cap.tighter(rules.marketingCap(channel)) : cap;
        ZoneId zone = preferences.quietHours().map(QuietHours::zone).orElse(ChinaTime.ZONE);
        return new Admissible(effective.limitsAt(now, zone));
    }
}
