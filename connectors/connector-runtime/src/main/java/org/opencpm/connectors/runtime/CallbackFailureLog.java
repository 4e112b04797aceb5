package org.opencpm.connectors.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The warning written when a plugin fails on a platform callback, at most {@link #PER_MINUTE} lines
 * a minute per connector. Callbacks come from anyone who can reach {@code /hooks}, before any
 * signature is checked by a plugin that crashes on them, so without a limit a client could fill the
 * disk with these lines. What is held back is counted, and the count is added to the next line.
 */
final class CallbackFailureLog {

    static final int PER_MINUTE = 10;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final Consumer<String> sink;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    CallbackFailureLog(Clock clock, Consumer<String> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /** Writes {@code line} for {@code connectorId} unless its minute's lines are spent. */
    void failed(String connectorId, String line) {
        Instant now = clock.instant();
        String written = windows.computeIfAbsent(connectorId, id -> new Window()).admit(now, line);
        if (written != null) {
            sink.accept(written);
        }
    }

    private static final class Window {
        private Instant start = Instant.MIN;
        private int written;
        private long heldBack;

        synchronized String admit(Instant now, String line) {
            if (start == Instant.MIN || !now.isBefore(start.plus(MINUTE))) {
                start = now;
                written = 0;
            }
            if (written >= PER_MINUTE) {
                heldBack++;
                return null;
            }
            written++;
            String text = heldBack == 0 ? line : line + " (" + heldBack + " more like it held back)";
            heldBack = 0;
            return text;
        }
    }
}
