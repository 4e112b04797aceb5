package org.opencpm.distribution.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.util.function.Consumer;

/**
 * A connection's writes, each timed by its {@link ConnectionClock}, so that a client that stops
 * reading is noticed: with Helidon's default (no write queue) every write goes straight to the
 * socket and blocks, without a limit, while the client's receive window is closed. A buffer larger
 * than {@link #SLICE} is written a slice at a time and each slice is timed on its own: a long
 * response to a client that keeps reading, however slowly, completes a slice now and then and is
 * never cut; only a write that makes no progress for the whole write limit is.
 */
final class TimedWriter implements DataWriter {

    /** At most this many bytes per timed write: a client must take 16 KiB within the write limit. */
    static final int SLICE = 16 * 1024;

    private final DataWriter socket;
    private final ConnectionClock clock;

    TimedWriter(DataWriter socket, ConnectionClock clock) {
        this.socket = socket;
        this.clock = clock;
    }

    @Override
    public void write(BufferData... buffers) {
        for (BufferData buffer : buffers) {
            write(buffer);
        }
    }

    @Override
    public void write(BufferData buffer) {
        sliced(buffer, socket::write);
    }

    @Override
    public void writeNow(BufferData... buffers) {
        for (BufferData buffer : buffers) {
            writeNow(buffer);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        sliced(buffer, socket::writeNow);
    }

    private void sliced(BufferData buffer, Consumer<BufferData> out) {
        if (buffer.available() <= SLICE) {
            timed(buffer, out);
            return;
        }
        while (buffer.available() > 0) {
            byte[] slice = new byte[Math.min(SLICE, buffer.available())];
            int read = buffer.read(slice, 0, slice.length);
            if (read <= 0) {
                throw new IllegalStateException("a buffer with " + buffer.available() + " bytes available gave none");
            }
            timed(BufferData.create(slice, 0, read), out);
        }
    }

    private void timed(BufferData slice, Consumer<BufferData> out) {
        clock.writeStarted();
        try {
            out.accept(slice);
        } finally {
            clock.writeEnded();
        }
    }
}
