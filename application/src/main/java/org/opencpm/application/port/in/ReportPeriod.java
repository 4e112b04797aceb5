package org.opencpm.application.port.in;

import java.time.Duration;
import java.time.Instant;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * The period a compliance report covers: audit events recorded in [{@code from}, {@code to}), the
 * window {@code GET /api/v1/audit/events?from=…&to=…} answers for the same values.
 */
public record ReportPeriod(Instant from, Instant to) {

    /** The longest period one report covers: two years, in weekly buckets. */
    public static final Duration LONGEST = Duration.ofDays(731);
    /** Periods up to this long are charted day by day; longer ones week by week. */
    public static final Duration DAILY_UP_TO = Duration.ofDays(62);

    public ReportPeriod {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidValueException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidValueException("to", "is more than " + LONGEST.toDays() + " days after from: ask for one report per period");
        }
    }

    /** The length of one bucket of the report's time series. */
    public Duration bucket() {
        return Duration.between(from, to).compareTo(DAILY_UP_TO) <= 0 ? Duration.ofDays(1) : Duration.ofDays(7);
    }

    /** How many buckets the period is cut into (the last one may be shorter). */
    public int buckets() {
        long millis = Duration.between(from, to).toMillis();
        long size = bucket().toMillis();
        return (int) ((millis + size - 1) / size);
    }

    /** The bucket {@code at} falls in; {@code at} lies in the period. */
    public int bucketOf(Instant at) {
        return (int) (Duration.between(from, at).toMillis() / bucket().toMillis());
    }

    public Instant bucketStart(int index) {
        return from.plus(bucket().multipliedBy(index));
    }
}
