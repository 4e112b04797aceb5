package org.opencpm.testfixtures;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a logger (and the loggers below it) writes while a test runs, at or above a level: for
 * tests of what must, or must never, be logged. The logger is opened down to that level for the
 * capture (a FINE line is otherwise dropped before any handler sees it, and a test that nothing
 * secret is logged would pass over it); closing it puts the logger's level back.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler;
    private final Level levelBefore;

    private CapturedLog(Logger logger, Level least) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= least.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        logger.setLevel(least);
    }

    /** Everything {@code source}'s logger writes. */
    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(Logger.getLogger(source.getName()), Level.ALL);
    }

    /** What {@code source}'s logger writes at {@code least} or above. */
    public static CapturedLog of(Class<?> source, Level least) {
        return new CapturedLog(Logger.getLogger(source.getName()), least);
    }

    /**
     * What any logger of the process writes at INFO or above, the level a server runs at (below it,
     * the libraries' own debug lines, Helidon's wire dumps among them, print whole requests).
     */
    public static CapturedLog everything() {
        return new CapturedLog(Logger.getLogger(""), Level.INFO);
    }

    /** The records so far, in the order they were written. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.setLevel(levelBefore);
        logger.removeHandler(handler);
    }
}
