package org.opencpm.distribution.logging;

import java.io.EOFException;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps clients from filling the disk through the log. Named as the {@code filter} of each handler
 * in {@code conf/logging.properties}.
 *
 * <ul>
 *   <li>A record caused by a client that went away (connection reset, broken pipe, end of stream in
 *       the middle of a request) becomes one short INFO line without a stack trace; at most
 *       {@link #CLIENT_LINES_PER_MINUTE} such lines a minute are written.</li>
 *   <li>Any other record with a stack trace: at most {@link #TRACES_PER_MINUTE} a minute per logger,
 *       each trace cut to {@link #MAX_FRAMES} frames per exception (a stack overflow from a deeply
 *       nested request body would otherwise write a thousand frames, 75 KB, per request).</li>
 * </ul>
 * What is held back is counted and the count is added to the next line that is written for the
 * same reason, so an operator sees that a flood happened without the flood itself. Records
 * without a stack trace pass untouched.
 *
 * <p>One decision per record: the same record goes to every handler, each with its own instance
 * of this filter, so the state is shared and the last decision is remembered per thread.
 */
public final class LogFloodGuard implements Filter {

    static final int CLIENT_LINES_PER_MINUTE = 10;
    static final int TRACES_PER_MINUTE = 20;
    static final int MAX_FRAMES = 40;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final String CLIENT_GONE = "client-gone";
    private static final Set<String> CLIENT_GONE_TYPES = Set.of(
            "io.helidon.common.buffers.DataReader$InsufficientDataAvailableException",
            "io.helidon.webserver.ServerConnectionException",
            "io.helidon.webserver.CloseConnectionException",
            "io.helidon.http.RequestException");

    private static final Map<String, Window> WINDOWS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Decision> LAST = new ThreadLocal<>();

    private record Decision(LogRecord record, boolean loggable) {
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Decision last = LAST.get();
        if (last != null && last.record() == record) {
            return last.loggable();
        }
        boolean loggable = decide(record);
        LAST.set(new Decision(record, loggable));
        return loggable;
    }

    private static boolean decide(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null) {
            return true;
        }
        Throwable cause = clientGone(thrown);
        if (cause != null) {
            long suppressed = WINDOWS.computeIfAbsent(CLIENT_GONE, k -> new Window()).admit(CLIENT_LINES_PER_MINUTE);
            if (suppressed < 0) {
                return false;
            }
            record.setLevel(Level.INFO);
            record.setThrown(null);
            record.setParameters(null);
            record.setMessage("a client broke off its request (" + cause.getClass().getSimpleName() + ": "
                    + firstLine(cause.getMessage()) + ")" + (suppressed > 0 ? "; " + suppressed + " more like it not logged" : ""));
            return true;
        }
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return true;
        }
        String key = String.valueOf(record.getLoggerName());
        long suppressed = WINDOWS.computeIfAbsent(key, k -> new Window()).admit(TRACES_PER_MINUTE);
        if (suppressed < 0) {
            return false;
        }
        shorten(thrown);
        if (suppressed > 0) {
            record.setMessage(record.getMessage() + " [" + suppressed + " earlier records with stack traces from this logger not logged]");
        }
        return true;
    }

    /** Cuts each stack trace in the cause chain to {@link #MAX_FRAMES} frames (the exception is being logged, its trace read only here). */
    private static void shorten(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > MAX_FRAMES) {
                t.setStackTrace(java.util.Arrays.copyOf(frames, MAX_FRAMES));
            }
        }
    }

    /** The exception in the chain that says the client went away, or null. */
    static Throwable clientGone(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof EOFException || CLIENT_GONE_TYPES.contains(t.getClass().getName())) {
                return t;
            }
            if (t instanceof SocketException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (message.contains("broken pipe") || message.contains("connection reset") || message.contains("socket closed")
                        || message.contains("connection abort")) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** A fixed one-minute window: how many were let through, how many held back since the last one let through. */
    private static final class Window {
        private long start = System.nanoTime();
        private int admitted;
        private long held;

        /** -1 when this one is held back; otherwise how many were held back before it. */
        synchronized long admit(int perMinute) {
            long now = System.nanoTime();
            if (now - start >= MINUTE_NANOS) {
                start = now;
                admitted = 0;
            }
            if (admitted >= perMinute) {
                held++;
                return -1;
            }
            admitted++;
            long before = held;
            held = 0;
            return before;
        }
    }
}
