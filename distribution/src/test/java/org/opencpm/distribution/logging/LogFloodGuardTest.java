package org.opencpm.distribution.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFloodGuardTest {

    private final LogFloodGuard fileHandler = new LogFloodGuard();
    private final LogFloodGuard consoleHandler = new LogFloodGuard();

    @Test
    void a_client_that_hung_up_is_one_short_line_and_a_flood_of_them_is_capped() {
        int written = 0;
        LogRecord first = null;
        for (int i = 0; i < 1_000; i++) {
            LogRecord record = new LogRecord(Level.SEVERE, "request failed, error id " + i);
            record.setLoggerName("org.opencpm.adapters.rest.problem.ProblemMappers$Unexpected");
            record.setThrown(new IllegalStateException("wrapped", new UncheckedIOException(new SocketException("Broken pipe"))));
            boolean toFile = fileHandler.isLoggable(record);
            assertThat(consoleHandler.isLoggable(record)).as("one decision per record, whichever handler asks").isEqualTo(toFile);
            if (toFile) {
                written++;
                first = first == null ? record : first;
            }
        }
        assertThat(written).isEqualTo(LogFloodGuard.CLIENT_LINES_PER_MINUTE);
        assertThat(first.getThrown()).isNull();
        assertThat(first.getLevel()).isEqualTo(Level.INFO);
        assertThat(first.getMessage()).contains("broke off").contains("Broken pipe");
    }

    @Test
    void stack_traces_are_capped_per_logger_and_cut_short() {
        int written = 0;
        for (int i = 0; i < 100; i++) {
            LogRecord record = new LogRecord(Level.SEVERE, "boom");
            record.setLoggerName("test.traces");
            record.setThrown(deep(500));
            if (fileHandler.isLoggable(record)) {
                written++;
                assertThat(record.getThrown().getStackTrace()).hasSizeLessThanOrEqualTo(LogFloodGuard.MAX_FRAMES);
            }
        }
        assertThat(written).isEqualTo(LogFloodGuard.TRACES_PER_MINUTE);
        LogRecord other = new LogRecord(Level.SEVERE, "elsewhere");
        other.setLoggerName("test.other");
        other.setThrown(new IllegalStateException("x"));
        assertThat(fileHandler.isLoggable(other)).as("another logger has its own allowance").isTrue();
        assertThat(fileHandler.isLoggable(new LogRecord(Level.INFO, "no trace"))).isTrue();
    }

    private static Throwable deep(int depth) {
        return depth == 0 ? new IllegalStateException("deep") : deep(depth - 1);
    }
}
