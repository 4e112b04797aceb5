package org.opencpm.application.alert;

import java.time.Duration;
import java.util.Optional;

/**
 * What stands at evaluation time, read from the stores: rights requests past their due date, dead
 * letters over all connectors, and the age of the oldest undelivered change (the sync lag).
 */
record Backlog(long overdueRightsRequests, long deadLetters, Optional<Duration> syncLag) {
}
