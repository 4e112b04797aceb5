package org.opencpm.distribution.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * One connection's context as Helidon's HTTP/1 connection sees it, with the clocks that
 * {@link ConnectionDeadlines} reads: since when a read has been blocked; since when the connection
 * has been waiting for a request line (from its opening, and again from each response); since when
 * the request's headers have been arriving (from its request line to the end of its headers), as
 * told by {@link ConnectionEvents}; since when a write has been blocked ({@link TimedWriter}).
 * Reads and writes go through here; everything else is the real context's.
 *
 * <p>It also ends a connection whose request or response said {@code Connection: close}: Helidon
 * 4.1.6 sends such a response and then waits for another request line, so the socket stayed open
 * until the client hung up or the idle limit passed. Here the read of that next request line is the
 * end of the stream.
 */
final class ConnectionClock implements ConnectionContext {

    /** The limits, in nanoseconds, that {@link #overdue} holds a connection to. */
    record Limits(long idleNanos, long headNanos, long readNanos, long writeNanos) {
        static Limits of(Duration idle, Duration head, Duration read, Duration write) {
            return new Limits(idle.toNanos(), head.toNanos(), read.toNanos(), write.toNanos());
        }
    }

    private final ConnectionContext delegate;
    private final DataReader reader;
    private final DataWriter writer;
    private final Object writeLock = new Object();
    private volatile long readingSince;
    private volatile long waitingSince = now();
    private volatile long headersSince;
    private volatile long writingSince;
    private volatile boolean closeAfterResponse;
    private volatile BooleanSupplier awaitingRequestLine = () -> false;
    /** The thread blocked in a write, and whether {@link #abort} interrupted it; guarded by writeLock. */
    private Thread writingThread;
    private boolean writerInterrupted;

    ConnectionClock(ConnectionContext delegate) {
        this.delegate = delegate;
        DataReader source = delegate.dataReader();
        this.reader = new DataReader(() -> {
            if (closeAfterResponse && awaitingRequestLine.getAsBoolean()) {
                return null;
            }
            readingSince = now();
            try {
                source.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException endOfStream) {
                return null;
            } finally {
                readingSince = 0;
            }
            return source.readBytes(source.available());
        });
        this.writer = new TimedWriter(delegate.dataWriter(), this);
    }

    /** How to tell that Helidon is reading a request line, that is, that the previous exchange is complete. */
    void awaitingRequestLineWhen(BooleanSupplier condition) {
        this.awaitingRequestLine = condition;
    }

    void requestLineRead() {
        waitingSince = 0;
        headersSince = now();
    }

    void headRead() {
        headersSince = 0;
    }

    void responseStarted() {
        headersSince = 0;
        waitingSince = now();
    }

    /** The request or its response said {@code Connection: close}: no request line after this exchange. */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    void writeStarted() {
        synchronized (writeLock) {
            writingThread = Thread.currentThread();
            writingSince = now();
        }
    }

    void writeEnded() {
        synchronized (writeLock) {
            writingThread = null;
            writingSince = 0;
            if (writerInterrupted) {
                // the write was cut (or had just completed): the interrupt was for it, not for what the thread does next
                writerInterrupted = false;
                Thread.interrupted();
            }
        }
    }

    /**
     * Which limit this connection is past at {@code now}, or null. Waiting for a request line (a
     * trickled one too) is bounded by the idle limit, the headers by the head limit, any other
     * blocked read (a body) by the read limit, and a blocked write by the write limit. The idle and
     * read limits apply only while a read is blocked, and the write limit only while a write is, so
     * that a long response, or a long upload, that keeps moving is never cut.
     */
    String overdue(long now, Limits limits) {
        long writing = writingSince;
        if (writing != 0) {
            return now - writing > limits.writeNanos() ? "the client stopped reading its response" : null;
        }
        long headers = headersSince;
        if (headers != 0 && now - headers > limits.headNanos()) {
            return "its request headers took too long";
        }
        long reading = readingSince;
        if (reading == 0) {
            return null;
        }
        long waiting = waitingSince;
        if (waiting != 0) {
            return now - waiting > limits.idleNanos() ? "no request line in time" : null;
        }
        return now - reading > limits.readNanos() ? "its request stopped arriving" : null;
    }

    /**
     * Ends a connection past its limit. A thread blocked in a write is interrupted as well: over
     * TLS, closing the socket waits for that write to finish (the TLS socket sends its closing
     * alert under the lock the write holds), while the interrupt closes the socket under it (the
     * connections run on virtual threads, whose socket operations an interrupt ends).
     */
    void abort() {
        synchronized (writeLock) {
            if (writingThread != null) {
                writerInterrupted = true;
                writingThread.interrupt();
            }
        }
        closeSocket();
    }

    /** Closes the connection's socket: a thread reading from it fails out of its read and Helidon cleans up. */
    void closeSocket() {
        delegate.serverSocket().close();
    }

    private static long now() {
        long nanos = System.nanoTime();
        return nanos == 0 ? 1 : nanos;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }
}
