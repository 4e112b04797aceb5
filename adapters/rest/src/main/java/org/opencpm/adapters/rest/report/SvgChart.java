package org.opencpm.adapters.rest.report;

import java.util.Locale;

/** Writes a {@link Chart} as inline SVG: no script, no external resource, readable printed. */
final class SvgChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 56;

    private SvgChart() {
    }

    static String svg(Chart chart) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(chart.title())).append("\">");
        out.append("<title>").append(Html.escape(chart.title())).append("</title>");
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        long axis = chart.axisMax();
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y,
                    WIDTH - RIGHT, y));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    LEFT - 4, y + 3, axisLabel(axis, i)));
        }
        int n = Math.max(1, chart.categories().size());
        int k = Math.max(1, chart.series().size());
        double group = plotW / n;
        double bar = Math.max(1, group * 0.8 / k);
        int labelEvery = Math.max(1, (int) Math.ceil(n / 24.0));
        for (int c = 0; c < chart.categories().size(); c++) {
            double x0 = LEFT + c * group + group * 0.1;
            for (int s = 0; s < chart.series().size(); s++) {
                Chart.Series series = chart.series().get(s);
                long v = series.values()[c];
                double h = plotH * v / axis;
                out.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" data-series=\"%s\" data-category=\"%s\" data-value=\"%d\" x=\"%.1f\" y=\"%.1f\" "
                                + "width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s · %s: %d</title></rect>",
                        Html.escape(series.name()), Html.escape(chart.categories().get(c)), v, x0 + s * bar, TOP + plotH - h, bar, h,
                        series.color(), Html.escape(chart.categories().get(c)), Html.escape(series.name()), v));
            }
            if (c % labelEvery == 0) {
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        LEFT + c * group + group / 2, TOP + (int) plotH + 14, Html.escape(chart.categories().get(c))));
            }
        }
        double lx = LEFT;
        for (Chart.Series series : chart.series()) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx,
                    HEIGHT - 18, series.color()));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>", lx + 14, HEIGHT - 9,
                    Html.escape(series.name())));
            lx += 24 + 7 * series.name().length();
        }
        out.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
                .append(Html.escape(chart.title())).append("</text></svg>");
        return out.toString();
    }

    static String axisLabel(long axis, int quarter) {
        double v = axis * quarter / 4.0;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
