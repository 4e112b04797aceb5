package org.opencpm.domain.preference;

import org.opencpm.domain.Checks;

/** At most {@code max} sends in {@code period} (a key from {@link FrequencyWindow#periodOf}). */
public record PeriodLimit(FrequencyWindow window, String period, int max) {

    public PeriodLimit {
        Checks.required(window, "window");
        Checks.requiredText(period, "period");
        if (max < 0) {
            throw new IllegalArgumentException("a limit is never negative");
        }
    }
}
