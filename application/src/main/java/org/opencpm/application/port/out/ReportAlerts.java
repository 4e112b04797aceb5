package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.List;
import org.opencpm.application.port.in.ComplianceReport;

/**
 * The risk alerts a compliance report lists: those raised in a period. {@link #NONE} until the
 * alert store is wired in; the report then says that no alert store feeds it, rather than "no alerts".
 */
public interface ReportAlerts {

    ReportAlerts NONE = new ReportAlerts() {
        @Override
        public boolean connected() {
            return false;
        }

        @Override
        public List<ComplianceReport.Alert> raisedBetween(Instant from, Instant to) {
            return List.of();
        }
    };

    /** Whether alerts are recorded at all. */
    default boolean connected() {
        return true;
    }

    /** Alerts raised in [{@code from}, {@code to}), newest first. */
    List<ComplianceReport.Alert> raisedBetween(Instant from, Instant to);
}
