package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.out.ReportAlerts;

/** The report alerts a test has put in at the time of the call. */
final class DelegatingReportAlerts implements ReportAlerts {

    private final Supplier<ReportAlerts> current;

    DelegatingReportAlerts(Supplier<ReportAlerts> current) {
        this.current = current;
    }

    @Override
    public boolean connected() {
        return current.get().connected();
    }

    @Override
    public List<ComplianceReport.Alert> raisedBetween(Instant from, Instant to) {
        return current.get().raisedBetween(from, to);
    }
}
