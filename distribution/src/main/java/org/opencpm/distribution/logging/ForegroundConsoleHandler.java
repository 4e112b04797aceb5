package org.opencpm.distribution.logging;

import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Log records to standard output, for a server run in the foreground ({@code bin/opencpm run}).
 * A server started in the background ({@code bin/opencpm start}) runs with
 * {@code -Dopencpm.log.console=false}: its standard output goes to a file that nothing rotates,
 * so the records go only to the rotating file handler.
 */
public class ForegroundConsoleHandler extends StreamHandler {

    private final boolean enabled = !"false".equalsIgnoreCase(System.getProperty("opencpm.log.console"));

    public ForegroundConsoleHandler() {
        setOutputStream(System.out);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!enabled) {
            return;
        }
        super.publish(record);
        flush();
    }

    /** Flushes but never closes standard output. */
    @Override
    public synchronized void close() {
        flush();
    }
}
