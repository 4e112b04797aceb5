package org.opencpm.distribution;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.QuietHours;

/**
 * The operator's {@link SendRules} for send permits, from configuration:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>opencpm.send.curfew</td><td>22:00-08:00</td><td>no marketing from the first time (inside) to the second (outside); may run over midnight</td></tr>
 *   <tr><td>opencpm.send.curfew.zone</td><td>Asia/Shanghai</td><td>the curfew's time zone</td></tr>
 *   <tr><td>opencpm.send.curfew.enabled</td><td>true</td><td>false: no curfew (people's own quiet hours still apply)</td></tr>
 *   <tr><td>opencpm.send.marketing.&lt;channel&gt;.maxPerMonth, .maxPerWeek, .maxPerDay</td><td>none</td>
 *       <td>the operator's cap on marketing messages per person over {@code sms}, {@code email}, {@code phone},
 *       {@code wechat} or {@code app_push} (0–10000); a person may choose fewer</td></tr>
 * </table>
 * Each also reads from the environment ({@code OPENCPM_SEND_CURFEW}, {@code OPENCPM_SEND_MARKETING_SMS_MAXPERMONTH}…).
 * A malformed value, or a key under {@code opencpm.send.} that is none of these (a typo would
 * otherwise leave a cap silently unapplied), refuses the start with a message naming the key.
 */
final class SendSettings {

    static final String PREFIX = "opencpm.send.";
    static final String CURFEW = PREFIX + "curfew";
    static final String CURFEW_ZONE = CURFEW + ".zone";
    static final String CURFEW_ENABLED = CURFEW + ".enabled";
    static final String MARKETING = PREFIX + "marketing.";

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Pattern CAP_KEY = Pattern.compile(Pattern.quote(MARKETING) + "([a-z_]+)\\.(maxPerMonth|maxPerWeek|maxPerDay)");

    private SendSettings() {
    }

    static SendRules from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class), config.getPropertyNames());
    }

    /**
     * The rules from {@code values} (a key's value, if set); {@code names} are the configured keys,
     * checked for ones under {@code opencpm.send.} that mean nothing.
     */
    static SendRules from(Function<String, Optional<String>> values, Iterable<String> names) {
        refuseUnknown(names);
        SendRules rules = SendRules.DEFAULT.withMarketingCurfew(curfew(values));
        for (ContactChannel channel : ContactChannel.values()) {
            String prefix = MARKETING + channel.code() + ".";
            Optional<Integer> month = count(values, prefix + "maxPerMonth");
            Optional<Integer> week = count(values, prefix + "maxPerWeek");
            Optional<Integer> day = count(values, prefix + "maxPerDay");
            FrequencyCap cap = new FrequencyCap(month, week, day);
            if (!cap.isNone()) {
                rules = rules.withMarketingCap(channel, cap);
            }
        }
        return rules;
    }

    /** What the log says at start: the curfew and the operator's caps in force. */
    static String describe(SendRules rules) {
        String curfew = rules.marketingCurfew()
                .map(c -> "marketing curfew " + c.start() + "-" + c.end() + " " + c.zone())
                .orElse("no marketing curfew");
        String caps = rules.marketingCaps().isEmpty() ? "no operator caps" : rules.marketingCaps().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().code() + " " + describe(e.getValue()))
                .collect(Collectors.joining(", ", "operator caps on marketing: ", ""));
        return "send permits: " + curfew + "; " + caps;
    }

    private static String describe(FrequencyCap cap) {
        StringBuilder text = new StringBuilder();
        cap.maxPerMonth().ifPresent(n -> text.append(n).append("/month "));
        cap.maxPerWeek().ifPresent(n -> text.append(n).append("/week "));
        cap.maxPerDay().ifPresent(n -> text.append(n).append("/day "));
        return text.toString().strip();
    }

    /** The curfew, every one of its settings checked even when it is turned off. */
    private static Optional<QuietHours> curfew(Function<String, Optional<String>> values) {
        boolean enabled = value(values, CURFEW_ENABLED).map(SendSettings::flag).orElse(true);
        QuietHours defaults = QuietHours.MARKETING_CURFEW;
        ZoneId zone = value(values, CURFEW_ZONE).map(SendSettings::zone).orElse(defaults.zone());
        QuietHours curfew = value(values, CURFEW).map(window -> window(window, zone))
                .orElseGet(() -> new QuietHours(defaults.start(), defaults.end(), zone));
        return enabled ? Optional.of(curfew) : Optional.empty();
    }

    private static QuietHours window(String text, ZoneId zone) {
        Matcher matcher = WINDOW.matcher(text);
        if (!matcher.matches()) {
            throw malformed(CURFEW, text, "is not a window such as 22:00-08:00");
        }
        try {
            return new QuietHours(LocalTime.parse(pad(matcher.group(1))), LocalTime.parse(pad(matcher.group(2))), zone);
        } catch (DateTimeParseException | InvalidValueException e) {
            throw malformed(CURFEW, text, "is not a window of two different times of day, such as 22:00-08:00");
        }
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static boolean flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(CURFEW_ENABLED, text, "must be true or false");
        };
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw malformed(CURFEW_ZONE, text, "is not a time zone such as Asia/Shanghai");
        }
    }

    private static Optional<Integer> count(Function<String, Optional<String>> values, String key) {
        return value(values, key).map(text -> {
            try {
                int n = Integer.parseInt(text);
                if (n >= 0 && n <= 10_000) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, with the key
            }
            throw malformed(key, text, "must be a whole number from 0 to 10000");
        });
    }

    private static Optional<String> value(Function<String, Optional<String>> values, String key) {
        return values.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static void refuseUnknown(Iterable<String> names) {
        Set<String> unknown = StreamSupport.stream(names.spliterator(), false)
                .filter(name -> name.startsWith(PREFIX))
                .filter(name -> !name.equals(CURFEW) && !name.equals(CURFEW_ZONE) && !name.equals(CURFEW_ENABLED))
                .filter(name -> !isCapKey(name))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("unknown send setting " + String.join(", ", unknown) + ": expected " + CURFEW + ", "
                    + CURFEW_ZONE + ", " + CURFEW_ENABLED + " or " + MARKETING + "<channel>.maxPerMonth/.maxPerWeek/.maxPerDay with a channel of "
                    + Arrays.stream(ContactChannel.values()).map(ContactChannel::code).collect(Collectors.joining(", ")));
        }
    }

    private static boolean isCapKey(String name) {
        Matcher matcher = CAP_KEY.matcher(name);
        if (!matcher.matches()) {
            return false;
        }
        for (ContactChannel channel : ContactChannel.values()) {
            if (channel.code().equals(matcher.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException malformed(String key, String value, String why) {
        return new IllegalStateException(key + ": '" + value + "' " + why);
    }
}
