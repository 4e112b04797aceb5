package org.opencpm.distribution;

import java.util.logging.Logger;
import org.opencpm.application.port.in.CheckRetentionUseCase;

/**
 * The retention check as the distribution runs it: the number of persons found erasure-due by the
 * last check, for the gauge {@code opencpm_retention_erasure_due}, and a log line with the counts
 * when there were any (counts only: no identifier, no subject id).
 */
public final class RetentionRuns implements CheckRetentionUseCase {

    private static final Logger LOG = Logger.getLogger(RetentionRuns.class.getName());

    private final CheckRetentionUseCase retention;
    private final boolean erasing;
    private volatile long lastDue;

    RetentionRuns(CheckRetentionUseCase retention, boolean erasing) {
        this.retention = retention;
        this.erasing = erasing;
    }

    @Override
    public RetentionReport check() {
        RetentionReport report = retention.check();
        lastDue = report.due();
        if (report.due() > 0) {
            LOG.info(() -> "retention: " + report.due() + " person(s) erasure-due, " + report.reported() + " newly reported; "
                    + (erasing ? report.erased() + " erasure(s) started, " + report.failed() + " not (tried again next time)"
                               : "not erased (opencpm.retention.erase=false)"));
        }
        return report;
    }

    /** Persons erasure-due at the last check; 0 before the first. */
    public long lastDue() {
        return lastDue;
    }
}
