package org.opencpm.domain.preference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What has been sent on one channel to one person, per period, and whether one more send fits.
 * A send permit {@link #consume consumes} a unit from every capped period at once, or from none.
 */
public record FrequencyBudget(Map<String, Integer> usedByPeriod) {

    public FrequencyBudget {
        usedByPeriod = Map.copyOf(usedByPeriod);
    }

    public static FrequencyBudget unused() {
        return new FrequencyBudget(Map.of());
    }

    public int used(String period) {
        return usedByPeriod.getOrDefault(period, 0);
    }

    /** Whether one more send stays within every limit. */
    public boolean admits(List<PeriodLimit> limits) {
        for (PeriodLimit limit : limits) {
            if (used(limit.period()) >= limit.max()) {
                return false;
            }
        }
        return true;
    }

    /** The budget after one more send; refuses one that {@link #admits} would not allow. */
    public FrequencyBudget consume(List<PeriodLimit> limits) {
        if (!admits(limits)) {
            throw new IllegalStateException("the frequency cap is reached");
        }
        Map<String, Integer> used = new HashMap<>(usedByPeriod);
        for (PeriodLimit limit : limits) {
            used.merge(limit.period(), 1, Integer::sum);
        }
        return new FrequencyBudget(used);
    }

    /** The budget with the unit of each limit's period given back (a message that was not sent); never below zero. */
    public FrequencyBudget release(List<PeriodLimit> limits) {
        Map<String, Integer> used = new HashMap<>(usedByPeriod);
        for (PeriodLimit limit : limits) {
            used.computeIfPresent(limit.period(), (period, n) -> n > 1 ? n - 1 : null);
        }
        return new FrequencyBudget(used);
    }
}
