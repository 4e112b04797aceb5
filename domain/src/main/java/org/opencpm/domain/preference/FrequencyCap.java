package org.opencpm.domain.preference;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/** How many messages a channel may carry per calendar month, week and day; empty means no cap. */
public record FrequencyCap(Optional<Integer> maxPerMonth, Optional<Integer> maxPerWeek, Optional<Integer> maxPerDay) {

    public static final FrequencyCap NONE = new FrequencyCap(Optional.empty(), Optional.empty(), Optional.empty());

    public FrequencyCap {
        check(maxPerMonth, "maxPerMonth");
        check(maxPerWeek, "maxPerWeek");
        check(maxPerDay, "maxPerDay");
    }

    private static void check(Optional<Integer> max, String field) {
        Checks.required(max, field).ifPresent(n -> {
            if (n < 0 || n > 10_000) {
                throw new InvalidValueException(field, "must be between 0 and 10000");
            }
        });
    }

    public static FrequencyCap perMonth(int max) {
        return new FrequencyCap(Optional.of(max), Optional.empty(), Optional.empty());
    }

    /**
     * The tighter of two caps, window by window: the smaller maximum where both cap a window,
     * either one's where only it does. An operator's default and a person's own choice combine so:
     * the person may choose fewer than the operator allows, never more.
     */
    public FrequencyCap tighter(FrequencyCap other) {
        return new FrequencyCap(smaller(maxPerMonth, other.maxPerMonth), smaller(maxPerWeek, other.maxPerWeek),
                smaller(maxPerDay, other.maxPerDay));
    }

    private static Optional<Integer> smaller(Optional<Integer> a, Optional<Integer> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(Math.min(a.get(), b.get()));
    }

    public boolean isNone() {
        return maxPerMonth.isEmpty() && maxPerWeek.isEmpty() && maxPerDay.isEmpty();
    }

    /** The limits in force at {@code instant}: one per capped window, for the period it falls in. */
    public List<PeriodLimit> limitsAt(Instant instant, ZoneId zone) {
        List<PeriodLimit> limits = new ArrayList<>(3);
        maxPerMonth.ifPresent(max -> limits.add(new PeriodLimit(FrequencyWindow.MONTH, FrequencyWindow.MONTH.periodOf(instant, zone), max)));
        maxPerWeek.ifPresent(max -> limits.add(new PeriodLimit(FrequencyWindow.WEEK, FrequencyWindow.WEEK.periodOf(instant, zone), max)));
        maxPerDay.ifPresent(max -> limits.add(new PeriodLimit(FrequencyWindow.DAY, FrequencyWindow.DAY.periodOf(instant, zone), max)));
        return limits;
    }
}
