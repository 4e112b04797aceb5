package org.opencpm.domain.preference;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/** A calendar period a frequency cap counts in, in the person's time zone. */
public enum FrequencyWindow {
    DAY,
    /** ISO week, Monday to Sunday. */
    WEEK,
    MONTH;

    /** The period {@code instant} falls in: {@code D2026-11-29}, {@code W2026-48}, {@code M2026-11}. */
    public String periodOf(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return switch (this) {
            case DAY -> "D" + at.toLocalDate();
            case WEEK -> String.format("W%d-%02d", at.get(IsoFields.WEEK_BASED_YEAR), at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("M%d-%02d", at.getYear(), at.getMonthValue());
        };
    }
}
