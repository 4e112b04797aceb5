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
 * {@link ConnectionDeadlines} reads: since when a read has been waiting, and since when the
 * current request's head has been arriving (from its first byte until its headers are read,
 * {@link ConnectionEvents}). Reads go through here; everything else is the real context's.
 */
final class ConnectionClock implements ConnectionContext {

    private final ConnectionContext delegate;
    private final DataReader reader;
    private volatile long readingSince;
    private volatile long headStarted;
    private volatile boolean betweenHeadAndResponse;

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
            byte[] bytes = source.readBytes(source.available());
            if (!betweenHeadAndResponse && headStarted == 0) {
                headStarted = now();
            }
            return bytes;
        });
    }

    void requestLineRead() {
        betweenHeadAndResponse = false;
        if (headStarted == 0) {
            headStarted = now();
        }
    }

    void headRead() {
        headStarted = 0;
        betweenHeadAndResponse = true;
    }

    void responseStarted() {
        betweenHeadAndResponse = false;
    }

    /** Which limit this connection is past at {@code now}, or null. */
    String overdue(long now, long idleNanos, long headNanos, long readNanos) {
        long head = headStarted;
        if (head != 0 && now - head > headNanos) {
            return "its request head took too long";
        }
        long reading = readingSince;
        if (reading == 0) {
            return null;
        }
        boolean idle = head == 0 && !betweenHeadAndResponse;
        if (idle && now - reading > idleNanos) {
            return "idle too long";
        }
        if (!idle && now - reading > readNanos) {
            return "its request stopped arriving";
        }
        return null;
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
