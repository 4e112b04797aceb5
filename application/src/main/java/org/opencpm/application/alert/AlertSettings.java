package org.opencpm.application.alert;

import java.time.Duration;

/**
 * The thresholds of the risk rules; counted thresholds are per evaluation window
 * ({@link #interval}). A rule fires when its count goes <em>above</em> its maximum.
 *
 * @param withdrawalMinimum  the fewest withdrawals in a window that can be a spike
 * @param withdrawalFactor   how many times the baseline (the mean of the previous {@code baselineWindows}) a spike is
 * @param revokeDeniedKey    whether an API key that keeps asking for denied decisions is revoked (audited)
 */
public record AlertSettings(Duration interval, long withdrawalMinimum, double withdrawalFactor, int baselineWindows,
                            long maxDeniedPerKey, boolean revokeDeniedKey, long maxGrantsPerSource, long maxOutdatedNoticeGrants,
                            long maxQuietHourAttempts, long maxDeadLetters, Duration maxSyncLag, long maxOverdueRights,
                            long maxAuthFailures) {

    public static final AlertSettings DEFAULT = new AlertSettings(Duration.ofMinutes(1), 20, 3.0, 60,
            100, false, 200, 0, 10, 0, Duration.ofHours(1), 0, 100);

    public AlertSettings {
        if (interval == null || interval.toSeconds() < 1 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("interval must be from 1 second to 1 day");
        }
        if (withdrawalMinimum < 1 || !(withdrawalFactor >= 1.0 && withdrawalFactor <= 1000) || baselineWindows < 1 || baselineWindows > 10_000) {
            throw new IllegalArgumentException("withdrawal-spike needs a minimum of at least 1, a factor from 1 to 1000 and 1 to 10000 baseline windows");
        }
        if (maxDeniedPerKey < 0 || maxGrantsPerSource < 0 || maxOutdatedNoticeGrants < 0 || maxQuietHourAttempts < 0
                || maxDeadLetters < 0 || maxOverdueRights < 0 || maxAuthFailures < 0) {
            throw new IllegalArgumentException("a maximum must not be negative");
        }
        if (maxSyncLag == null || maxSyncLag.isNegative() || maxSyncLag.isZero()) {
            throw new IllegalArgumentException("the sync lag limit must be positive");
        }
    }
}
