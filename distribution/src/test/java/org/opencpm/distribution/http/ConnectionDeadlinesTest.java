package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.common.buffers.DataReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sweeper closes what is past its limit, and goes on doing so whatever one close does. */
class ConnectionDeadlinesTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void a_close_that_fails_does_not_stop_the_sweeper() throws Exception {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(ConnectionClock.Limits.of(LONG, LONG, LONG, Duration.ofMillis(1)));
        FakeContext failing = new FakeContext(new DataReader(() -> null), null, new IllegalStateException("socket gone"));
        FakeContext first = new FakeContext(new DataReader(() -> null), null);
        deadlines.watch(writing(failing));
        deadlines.watch(writing(first));
        await().atMost(Duration.ofSeconds(5)).until(() -> failing.closes.get() == 1 && first.closes.get() == 1);

        FakeContext later = new FakeContext(new DataReader(() -> null), null);
        deadlines.watch(writing(later));

        await("a connection past its limit after the failure").atMost(Duration.ofSeconds(5)).until(() -> later.closes.get() == 1);
        assertThat(failing.closes.get()).as("closed once, then forgotten").isEqualTo(1);
    }

    @Test
    void a_connection_within_its_limits_is_left_alone() throws Exception {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(ConnectionClock.Limits.of(LONG, LONG, LONG, LONG));
        FakeContext fake = new FakeContext(new DataReader(() -> null), null);
        deadlines.watch(writing(fake));

        deadlines.sweep();

        assertThat(fake.closes.get()).isZero();
    }

    /** A clock whose write started (on a thread that has ended, so that the interrupt of the write reaches nobody). */
    private static ConnectionClock writing(FakeContext fake) throws InterruptedException {
        ConnectionClock clock = new ConnectionClock(fake.context);
        Thread.ofVirtual().start(clock::writeStarted).join();
        return clock;
    }
}
