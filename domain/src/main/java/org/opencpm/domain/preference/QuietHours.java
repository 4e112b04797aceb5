package org.opencpm.domain.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * A daily span of local time in which no marketing may reach a person. May run over midnight
 * ({@code 21:00}–{@code 08:00}); the start is inside, the end is not.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    /**
     * When SMS gateways refuse marketing in China whatever the person said: 22:00 to 08:00
     * Beijing time. The default marketing curfew of the operator's send rules ({@code SendRules}),
     * which an operator may move or turn off; it applies on top of a person's own quiet hours.
     */
    public static final QuietHours MARKETING_CURFEW = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ChinaTime.ZONE);

    public QuietHours {
        Checks.required(start, "quietHours.start");
        Checks.required(end, "quietHours.end");
        Checks.required(zone, "quietHours.zone");
        if (start.equals(end)) {
            throw new InvalidValueException("quietHours", "start and end must differ");
        }
    }

    /** Whether {@code instant} falls within these quiet hours. */
    public boolean contains(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }
}
