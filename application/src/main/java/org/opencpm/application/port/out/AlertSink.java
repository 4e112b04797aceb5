package org.opencpm.application.port.out;

import org.opencpm.domain.alert.Alert;

/**
 * Where a raised alert is sent, besides the store: an outside system that wakes a person. A sink
 * that fails must not stop the alert being kept, nor the next rule being evaluated: it reports the
 * failure by throwing, and the caller logs it.
 */
public interface AlertSink {

    /** Sends nowhere. */
    AlertSink NONE = alert -> {
    };

    void deliver(Alert alert);
}
