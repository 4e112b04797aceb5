package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which limit a connection is past, at each stage of a request. */
class ConnectionClockTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long IDLE = 30 * SECOND;
    private static final long HEAD = 10 * SECOND;
    private static final long READ = 20 * SECOND;

    private final BlockingQueue<byte[]> wire = new ArrayBlockingQueue<>(10);
    private final ConnectionClock clock = new ConnectionClock(context(new DataReader(() -> {
        try {
            return wire.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    })));

    @Test
    void a_request_head_must_be_complete_in_time_however_it_trickles() throws Exception {
        wire.add("GET / HTTP/1.1\r\n".getBytes());
        clock.dataReader().ensureAvailable();
        long start = System.nanoTime();
        assertThat(clock.overdue(start, IDLE, HEAD, READ)).isNull();
        assertThat(clock.overdue(start + HEAD + SECOND, IDLE, HEAD, READ)).contains("head");
        clock.requestLineRead();
        clock.headRead();
        assertThat(clock.overdue(start + HEAD + SECOND, IDLE, HEAD, READ)).as("headers read: the head clock stops").isNull();
    }

    @Test
    void waiting_for_a_request_is_idle_and_waiting_inside_one_is_a_read() throws Exception {
        Thread reader = Thread.ofVirtual().start(() -> clock.dataReader().ensureAvailable());
        long now = awaitReading(reader);
        assertThat(clock.overdue(now + READ + SECOND, IDLE, HEAD, READ)).as("idle, under the idle timeout").isNull();
        assertThat(clock.overdue(now + IDLE + SECOND, IDLE, HEAD, READ)).contains("idle");
        wire.add("x".getBytes());
        reader.join();

        clock.headRead(); // now in the body
        Thread body = Thread.ofVirtual().start(() -> {
            clock.dataReader().skip(1);
            clock.dataReader().ensureAvailable();
        });
        now = awaitReading(body);
        assertThat(clock.overdue(now + READ + SECOND, IDLE, HEAD, READ)).contains("stopped arriving");
        wire.add("y".getBytes());
        body.join();
    }

    /** Waits until the reader is blocked in a read (the clock says so at a far-future instant). */
    private long awaitReading(Thread reader) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> clock.overdue(System.nanoTime() + 1000 * SECOND, IDLE, HEAD, READ) != null);
        return System.nanoTime();
    }

    private static ConnectionContext context(DataReader reader) {
        return (ConnectionContext) Proxy.newProxyInstance(ConnectionClockTest.class.getClassLoader(), new Class<?>[] {ConnectionContext.class},
                (proxy, method, args) -> method.getName().equals("dataReader") ? reader : null);
    }
}
