package org.opencpm.adapters.rest.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ComplianceReport.Counts;

/** The charts of a report, the same for the HTML and the PDF. */
final class ReportCharts {

    static final String GRANT = "#2e7d32";
    static final String WITHDRAW = "#c62828";
    static final String DENY = "#9e9e9e";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

    private ReportCharts() {
    }

    /** Grants, withdrawals and denials over time, then by purpose, then by channel. */
    static List<Chart> of(ComplianceReport report, ReportText t) {
        List<Chart> charts = new ArrayList<>();
        List<String> days = new ArrayList<>();
        for (int i = 0; i < report.consents().series().size(); i++) {
            days.add(DAY.format(report.period().bucketStart(i)));
        }
        charts.add(chart(t.get("consents") + " · " + t.get("overTime"), days, report.consents().series(), t));
        charts.add(chart(t.get("consents") + " · " + t.get("byPurpose"), report.consents().byPurpose(), t));
        charts.add(chart(t.get("consents") + " · " + t.get("byChannel"), report.consents().byChannel(), t));
        return charts;
    }

    /** One purpose's grants and withdrawals over time. */
    static Chart purposeOverTime(ComplianceReport report, String purpose, ReportText t) {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < report.consents().series().size(); i++) {
            days.add(DAY.format(report.period().bucketStart(i)));
        }
        return chart(purpose + " · " + t.get("overTime"), days, report.consents().seriesByPurpose().get(purpose), t);
    }

    private static Chart chart(String title, Map<String, Counts> counts, ReportText t) {
        return chart(title, List.copyOf(counts.keySet()), List.copyOf(counts.values()), t);
    }

    private static Chart chart(String title, List<String> categories, List<Counts> counts, ReportText t) {
        return new Chart(title, categories, List.of(
                new Chart.Series(t.get("grants"), GRANT, values(counts, Counts::grants)),
                new Chart.Series(t.get("withdrawals"), WITHDRAW, values(counts, Counts::withdrawals)),
                new Chart.Series(t.get("denials"), DENY, values(counts, Counts::denials))));
    }

    private static long[] values(List<Counts> counts, ToLongFunction<Counts> field) {
        return counts.stream().mapToLong(field).toArray();
    }
}
