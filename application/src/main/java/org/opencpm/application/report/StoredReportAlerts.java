package org.opencpm.application.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ListAlertsUseCase;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.application.port.out.ReportAlerts;
import org.opencpm.domain.alert.Alert;

/**
 * The report's alerts from the alert store: those raised in the period among the newest
 * {@value ListAlertsUseCase#MAX_LIMIT} kept (the listing's own cap; a period with more shows the
 * newest), each with its detail as {@code key=value} pairs.
 */
public final class StoredReportAlerts implements ReportAlerts {

    private final AlertStore store;

    public StoredReportAlerts(AlertStore store) {
        this.store = store;
    }

    @Override
    public List<ComplianceReport.Alert> raisedBetween(Instant from, Instant to) {
        return store.newest(ListAlertsUseCase.MAX_LIMIT).stream()
                .filter(a -> !a.raisedAt().isBefore(from) && a.raisedAt().isBefore(to))
                .map(StoredReportAlerts::toReport)
                .toList();
    }

    private static ComplianceReport.Alert toReport(Alert a) {
        String detail = a.detail().entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(", "));
        return new ComplianceReport.Alert(a.id(), a.rule(), a.severity().code(), a.raisedAt(), detail);
    }
}
