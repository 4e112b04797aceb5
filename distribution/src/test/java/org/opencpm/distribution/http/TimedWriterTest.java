package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Writes are timed, a slice at a time, and a write blocked past the limit is ended. */
class TimedWriterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final ConnectionClock.Limits LIMITS = new ConnectionClock.Limits(60 * SECOND, 20 * SECOND, 30 * SECOND, 10 * SECOND);

    @Test
    void a_write_blocked_past_the_write_limit_is_overdue_and_ended() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        FakeContext fake = new FakeContext(new DataReader(() -> null), blocking(never));
        ConnectionClock clock = new ConnectionClock(fake.context);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean(true);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                clock.dataWriter().write(BufferData.create("HTTP/1.1 200 OK\r\n"));
            } catch (RuntimeException e) {
                failure.set(e);
            }
            interruptedAfterwards.set(Thread.currentThread().isInterrupted());
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS) != null);
        long now = System.nanoTime();
        assertThat(clock.overdue(now + 5 * SECOND, LIMITS)).as("blocked, under the write limit").isNull();
        assertThat(clock.overdue(now + 11 * SECOND, LIMITS)).contains("stopped reading");

        clock.abort();
        writer.join(Duration.ofSeconds(5));

        assertThat(writer.isAlive()).as("the blocked write ended").isFalse();
        assertThat(failure.get()).as("the write failed").isNotNull();
        assertThat(interruptedAfterwards.get()).as("the interrupt was for the write only").isFalse();
        assertThat(fake.closes.get()).as("socket closed").isEqualTo(1);
        assertThat(clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS)).as("no write under way").isNull();
    }

    @Test
    void a_long_response_is_written_in_slices_each_timed_on_its_own() {
        List<Integer> slices = new ArrayList<>();
        List<Boolean> timed = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AtomicReference<ConnectionClock> clockRef = new AtomicReference<>();
        DataWriter socket = recording(buffer -> {
            timed.add(clockRef.get().overdue(System.nanoTime() + 11 * SECOND, LIMITS) != null);
            slices.add(buffer.available());
            buffer.writeTo(wire);
        });
        ConnectionClock clock = new ConnectionClock(new FakeContext(new DataReader(() -> null), socket).context);
        clockRef.set(clock);
        byte[] response = new byte[5 * TimedWriter.SLICE + 123];
        for (int i = 0; i < response.length; i++) {
            response[i] = (byte) i;
        }

        clock.dataWriter().write(BufferData.create(response));

        assertThat(slices).hasSize(6).allMatch(size -> size <= TimedWriter.SLICE);
        assertThat(timed).as("each slice under the write clock").containsOnly(true);
        assertThat(wire.toByteArray()).isEqualTo(response);
        assertThat(clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS)).as("the clock stops when the writes are done").isNull();
    }

    @Test
    void a_small_response_is_passed_on_as_it_is() {
        List<BufferData> written = new ArrayList<>();
        ConnectionClock clock = new ConnectionClock(new FakeContext(new DataReader(() -> null), recording(written::add)).context);
        BufferData small = BufferData.create("HTTP/1.1 204 No Content\r\n\r\n");

        clock.dataWriter().writeNow(small);

        assertThat(written).containsExactly(small);
    }

    private static DataWriter blocking(CountDownLatch latch) {
        return recording(buffer -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                // as a virtual thread's socket write does: the socket closed, the interrupt status kept
                Thread.currentThread().interrupt();
                throw new java.io.UncheckedIOException(new java.net.SocketException("Closed by interrupt"));
            }
        });
    }

    private static DataWriter recording(java.util.function.Consumer<BufferData> out) {
        return new DataWriter() {
            @Override
            public void write(BufferData... buffers) {
                for (BufferData buffer : buffers) {
                    out.accept(buffer);
                }
            }

            @Override
            public void write(BufferData buffer) {
                out.accept(buffer);
            }

            @Override
            public void writeNow(BufferData... buffers) {
                write(buffers);
            }

            @Override
            public void writeNow(BufferData buffer) {
                out.accept(buffer);
            }
        };
    }
}
