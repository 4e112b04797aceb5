package org.opencpm.adapters.rest.report;

import java.util.List;
import org.opencpm.application.port.in.ComplianceReport;

/**
 * The compliance report as one self-contained HTML page: inline CSS, charts as inline SVG, no
 * script and nothing fetched, so it can be mailed, archived and printed as it is.
 */
public final class HtmlReport {

    private static final String CSS = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;"
            + "margin:2em auto;max-width:60em;color:#222}table{border-collapse:collapse;margin:.5em 0 1em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f3f3f3}"
            + "svg.chart{display:block;margin:.5em 0}.note{color:#555;font-size:.85em}h2{border-bottom:2px solid #2e7d32}";

    private HtmlReport() {
    }

    /** The page in {@code language} ({@code zh} or {@code en}). */
    public static String render(ComplianceReport report, String language) {
        ReportText t = text(language);
        Html html = new Html();
        html.raw("<!DOCTYPE html><html lang=\"").raw(t == ReportText.ZH ? "zh-CN" : "en").raw("\"><head><meta charset=\"utf-8\"/>")
                .element("title", t.get("title")).raw("<style>").raw(CSS).raw("</style></head><body>");
        html.element("h1", t.get("title"));
        html.raw("<p id=\"period\">").raw(Html.escape(t.get("period") + ": " + ReportTables.time(report.period().from()) + " — "
                + ReportTables.time(report.period().to()) + " · " + t.get("generated") + ": " + ReportTables.time(report.generatedAt())))
                .raw("</p>");
        html.raw("<p class=\"note\">").raw(Html.escape(t.get("utc"))).raw("</p>");
        List<ReportTables.Section> sections = ReportTables.of(report, t);
        html.section("consents", t.get("consents"));
        for (Chart chart : ReportCharts.of(report, t)) {
            html.raw(SvgChart.svg(chart));
        }
        for (String purpose : report.consents().seriesByPurpose().keySet()) {
            html.raw(SvgChart.svg(ReportCharts.purposeOverTime(report, purpose, t)));
        }
        html.end();
        for (ReportTables.Section s : sections) {
            html.section(s.id(), s.title());
            if (s.rows().isEmpty()) {
                html.raw("<p>").raw(Html.escape(t.get("none"))).raw("</p>");
            } else {
                html.table(s.id() + "-table", s.head(), s.rows());
            }
            s.notes().forEach(n -> html.raw("<p class=\"note\">").raw(Html.escape(n)).raw("</p>"));
            html.end();
        }
        return html.raw("</body></html>").toString();
    }

    static ReportText text(String language) {
        return "zh".equals(language) ? ReportText.ZH : ReportText.EN;
    }
}
