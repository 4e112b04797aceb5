package org.opencpm.domain.decision;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.QuietHours;

/**
 * The operator's own limits on marketing messages, which hold for everyone on top of what each
 * person chose (Consumer Rights Protection Law Art. 29 ¶3 and its Implementing Regulations, State
 * Council Order 778 (2024): commercial messages only with consent and without harassing the
 * consumer; MIIT Order 31 Art. 18 for commercial SMS; the curfew's hours are the carriers' rules
 * for commercial SMS, not a statute's, hence configurable):
 * <ul>
 *   <li>a curfew: the hours of the day no marketing goes out to anyone, by default
 *       {@link QuietHours#MARKETING_CURFEW} (22:00–08:00 Beijing time); empty when the operator
 *       turned it off (a person's own quiet hours still apply);</li>
 *   <li>a default frequency cap per channel: at most so many marketing messages per month, week or
 *       day. A person may choose fewer, never more: the effective cap is, window by window, the
 *       {@link FrequencyCap#tighter tighter} of the operator's and the person's.</li>
 * </ul>
 * Plain values: reading them from configuration is the distribution's job.
 *
 * @param marketingCurfew when no marketing may be sent, in its own time zone; empty: no curfew
 * @param marketingCaps   per channel, the operator's cap on marketing messages; a channel not named is not capped by the operator
 */
public record SendRules(Optional<QuietHours> marketingCurfew, Map<ContactChannel, FrequencyCap> marketingCaps) {

    /** The curfew 22:00–08:00 Beijing time and no operator caps: what OpenCPM does unless configured otherwise. */
    public static final SendRules DEFAULT = new SendRules(Optional.of(QuietHours.MARKETING_CURFEW), Map.of());

    public SendRules {
        Checks.required(marketingCurfew, "marketingCurfew");
        Checks.required(marketingCaps, "marketingCaps");
        marketingCaps.forEach((channel, cap) -> {
            if (channel == null || cap == null) {
                throw new InvalidValueException("marketingCaps", "a channel and its cap are both required");
            }
        });
        marketingCaps = marketingCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(marketingCaps));
    }

    /** These rules with the curfew replaced (empty: none). */
    public SendRules withMarketingCurfew(Optional<QuietHours> curfew) {
        return new SendRules(curfew, marketingCaps);
    }

    /** These rules with the operator's cap on marketing over {@code channel} replaced. */
    public SendRules withMarketingCap(ContactChannel channel, FrequencyCap cap) {
        Map<ContactChannel, FrequencyCap> caps = new EnumMap<>(ContactChannel.class);
        caps.putAll(marketingCaps);
        caps.put(channel, cap);
        return new SendRules(marketingCurfew, caps);
    }

    /** Whether {@code instant} falls in the marketing curfew. */
    public boolean inMarketingCurfew(Instant instant) {
        return marketingCurfew.map(curfew -> curfew.contains(instant)).orElse(false);
    }

    /** The operator's cap on marketing over {@code channel}; {@link FrequencyCap#NONE} when it set none. */
    public FrequencyCap marketingCap(ContactChannel channel) {
        return marketingCaps.getOrDefault(channel, FrequencyCap.NONE);
    }
}
