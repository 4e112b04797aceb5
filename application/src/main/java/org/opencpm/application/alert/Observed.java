package org.opencpm.application.alert;

import java.time.Duration;
import java.util.Map;

/**
 * What was counted in one evaluation window (the time since the previous evaluation).
 *
 * @param deniedByKey    decisions denied, by the API key id that asked
 * @param grantsBySource grants, by masked client address ({@code ip:…}) and hashed operator ({@code operator:…})
 */
record Observed(Duration window, long grants, long withdrawals, Map<String, Long> deniedByKey, Map<String, Long> grantsBySource,
                long outdatedNoticeGrants, long quietHourAttempts, long authFailures) {

    Observed {
        deniedByKey = Map.copyOf(deniedByKey);
        grantsBySource = Map.copyOf(grantsBySource);
    }
}
