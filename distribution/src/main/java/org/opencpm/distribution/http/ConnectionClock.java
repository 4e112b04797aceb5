package org.opencpm.distribution.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One connection's context as Helidon's HTTP/1 connection sees it, with the clocks that
 * {@link ConnectionDeadlines} reads: since when a read has been blocked; since when the connection
 * has been waiting for a request line (from its opening, and again from each response); since when
 * the request's headers have been arriving (from its request line to the end of its headers), as
 * told by {@link ConnectionEvents}. Reads go through here; everything else is the real context's.
 */
final class ConnectionClock implements ConnectionContext {

    private final ConnectionContext delegate;
    private final DataReader reader;
    private volatile long readingSince;
    private volatile long waitingSince = now();
    private volatile long headersSince;

    ConnectionClock(ConnectionContext delegate) {
        this.delegate = delegate;
        DataReader source = delegate.dataReader();
        this.reader = new DataReader(() -> {
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

    /**
     * Which limit this connection is past at {@code now}, or null. Waiting for a request line (a
     * trickled one too) is bounded by the idle limit, the headers by the head limit, and any other
     * blocked read (a body) by the read limit. The idle and read limits apply only while a read is
     * blocked, so that a long response is never cut.
     */
    String overdue(long now, long idleNanos, long headNanos, long readNanos) {
        long headers = headersSince;
        if (headers != 0 && now - headers > headNanos) {
            return "its request headers took too long";
        }
        long reading = readingSince;
        if (reading == 0) {
            return null;
        }
        long waiting = waitingSince;
        if (waiting != 0) {
            return now - waiting > idleNanos ? "no request line in time" : null;
        }
        return now - reading > readNanos ? "its request stopped arriving" : null;
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
        return delegate.dataWriter();
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
