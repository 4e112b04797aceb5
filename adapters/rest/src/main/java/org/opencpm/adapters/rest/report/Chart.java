package org.opencpm.adapters.rest.report;

import java.util.List;

/**
 * A grouped bar chart: for each category (a purpose, a channel, a day), one bar per series. Drawn
 * as inline SVG in the HTML report and with the PDF library's graphics in the PDF, from the same
 * numbers.
 */
record Chart(String title, List<String> categories, List<Series> series) {

    Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().length != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().length + " values for "
                        + categories.size() + " categories");
            }
        }
    }

    /** One kind of count across the categories, in one colour ({@code #rrggbb}). */
    record Series(String name, String color, long[] values) {
    }

    long max() {
        long max = 0;
        for (Series s : series) {
            for (long v : s.values()) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** A round upper bound for the axis: 1, 2, 5 × 10^n at or above {@link #max()}. */
    long axisMax() {
        long max = Math.max(1, max());
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= max) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }
}
