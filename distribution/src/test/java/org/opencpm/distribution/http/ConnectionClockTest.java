package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Which limit a connection is past, at each stage of a request. */
class ConnectionClockTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long IDLE = 30 * SECOND;
    private static final long HEAD = 10 * SECOND;
    private static final long READ = 20 * SECOND;
    private static final ConnectionClock.Limits LIMITS = new ConnectionClock.Limits(IDLE, HEAD, READ, 40 * SECOND);

    private final BlockingQueue<byte[]> wire = new ArrayBlockingQueue<>(10);
    private final ConnectionClock clock = new ConnectionClock(context(new DataReader(() -> {
        try {
            return wire.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    })));

    @Test
    void headers_must_be_complete_in_time_however_they_trickle() {
        long start = System.nanoTime();
        clock.requestLineRead();
        assertThat(clock.overdue(start, LIMITS)).isNull();
        assertThat(clock.overdue(start + HEAD + SECOND, LIMITS)).contains("headers");
        clock.headRead();
        assertThat(clock.overdue(start + HEAD + SECOND, LIMITS)).as("headers read: that clock stops").isNull();
    }

    @Test
    void waiting_for_a_request_line_is_idle_and_a_pause_in_a_body_is_a_read() throws Exception {
        Thread idle = Thread.ofVirtual().start(() -> clock.dataReader().ensureAvailable());
        long now = awaitBlockedRead();
        assertThat(clock.overdue(now + READ + SECOND, LIMITS)).as("idle, under the idle limit").isNull();
        assertThat(clock.overdue(now + IDLE + SECOND, LIMITS)).contains("request line");
        wire.add("x".getBytes());
        idle.join();

        clock.requestLineRead();
        clock.headRead();
        Thread body = Thread.ofVirtual().start(() -> {
            clock.dataReader().skip(1);
            clock.dataReader().ensureAvailable();
        });
        now = awaitBlockedRead();
        assertThat(clock.overdue(now + READ + SECOND, LIMITS)).contains("stopped arriving");
        wire.add("y".getBytes());
        body.join();
    }

    @Test
    void a_long_response_is_never_cut() {
        clock.requestLineRead();
        clock.headRead();
        clock.responseStarted();
        assertThat(clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS)).as("not reading: writing").isNull();
    }

    @Test
    void after_an_exchange_that_said_close_the_next_request_line_is_the_end_of_the_stream() {
        AtomicBoolean awaitingRequestLine = new AtomicBoolean(false);
        clock.awaitingRequestLineWhen(awaitingRequestLine::get);
        clock.closeAfterResponse();
        wire.add("body".getBytes());
        assertThat(clock.dataReader().readBytes(4)).as("the request's body is still read").isEqualTo("body".getBytes());

        awaitingRequestLine.set(true);
        wire.add("GET / HTTP/1.1\r\n".getBytes());

        assertThatThrownBy(() -> clock.dataReader().ensureAvailable()).isInstanceOf(DataReader.InsufficientDataAvailableException.class);
        assertThat(wire).as("nothing more read from the client").hasSize(1);
    }

    @Test
    void without_close_the_next_request_line_is_read() {
        clock.awaitingRequestLineWhen(() -> true);
        wire.add("GET / HTTP/1.1\r\n".getBytes());

        clock.dataReader().ensureAvailable();

        assertThat(clock.dataReader().available()).isPositive();
    }

    /** Waits until a read blocks (the clock then reports a limit at a far-future instant). */
    private long awaitBlockedRead() {
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS) != null);
        return System.nanoTime();
    }

    private static ConnectionContext context(DataReader reader) {
        return (ConnectionContext) Proxy.newProxyInstance(ConnectionClockTest.class.getClassLoader(), new Class<?>[] {ConnectionContext.class},
                (proxy, method, args) -> method.getName().equals("dataReader") ? reader : null);
    }
}
