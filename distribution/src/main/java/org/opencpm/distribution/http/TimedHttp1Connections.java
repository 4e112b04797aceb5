package org.opencpm.distribution.http;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.FixedLimit;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelectorProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Helidon's HTTP/1 connections, each under the {@link ConnectionDeadlines} and the
 * {@link ConnectionsPerAddress} limit. Helidon finds this
 * through {@code META-INF/services/io.helidon.webserver.spi.ServerConnectionSelectorProvider};
 * {@link ListenerPreparation} excludes Helidon's own HTTP/1 provider so that this is the only
 * one, and every connection is timed from its very first read (with two candidates Helidon would
 * first wait, without a limit, for bytes to tell them apart). It builds Helidon's own HTTP/1
 * selector with the {@link ConnectionEvents} as its only listeners (they pass events on to the configured ones), and wraps each
 * connection it makes.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 10)
public class TimedHttp1Connections implements ServerConnectionSelectorProvider<Http1Config> {

    private static ConnectionDeadlines deadlines;
    private static ConnectionsPerAddress perAddress;

    @Override
    public Class<Http1Config> protocolConfigType() {
        return Http1Config.class;
    }

    @Override
    public String protocolType() {
        return "http_1_1";
    }

    @SuppressWarnings({"deprecation", "rawtypes", "unchecked"})
    @Override
    public ServerConnectionSelector create(String listenerName, Http1Config config, ProtocolConfigs configs) {
        ServerConnectionSelector http1 = new Http1ConnectionProvider().create(listenerName, timed(config), configs);
        return new Selector(http1, deadlines(), perAddress());
    }

    /** The configuration with the {@link ConnectionEvents} as its only listeners, passing events on to the configured ones. */
    static Http1Config timed(Http1Config config) {
        return Http1Config.builder().from(config)
                .receiveListeners(List.of(ConnectionEvents.onReceive(config.receiveListeners())))
                .sendListeners(List.of(ConnectionEvents.onSend(config.sendListeners())))
                .build();
    }

    /** One sweeper for all listeners of the process. */
    private static synchronized ConnectionDeadlines deadlines() {
        if (deadlines == null) {
            deadlines = ConnectionDeadlines.fromConfig();
        }
        return deadlines;
    }

    /** One count of connections per address for all listeners of the process. */
    private static synchronized ConnectionsPerAddress perAddress() {
        if (perAddress == null) {
            perAddress = ConnectionsPerAddress.fromConfig();
        }
        return perAddress;
    }

    /** Helidon's HTTP/1 selector, whose connections run under the deadlines and the per-address limit. */
    private record Selector(ServerConnectionSelector http1, ConnectionDeadlines deadlines, ConnectionsPerAddress perAddress)
            implements ServerConnectionSelector {
        @Override
        public int bytesToIdentifyConnection() {
            return http1.bytesToIdentifyConnection();
        }

        @Override
        public Support supports(BufferData data) {
            return http1.supports(data);
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return http1.supportedApplicationProtocols();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            ConnectionClock clock = new ConnectionClock(ctx);
            ServerConnection connection = http1.connection(clock);
            // Helidon's HTTP/1 connection can be interrupted exactly while it waits for a request line
            clock.awaitingRequestLineWhen(() -> connection instanceof InterruptableTask<?> task && task.canInterrupt());
            return new Timed(connection, clock, deadlines, perAddress);
        }
    }

    /**
     * One connection, watched while Helidon handles it. A connection from an address that already
     * holds its share is closed before anything is read from it. Its socket is closed here, as soon
     * as Helidon is done with it: Helidon frees the connection's place under the cap before it
     * closes the socket, and with hundreds of connections ending at once (a flood that hangs up)
     * the accept loop would take new ones while the old descriptors are still open — past the
     * open-file limit, which ends the listener. It can be interrupted when Helidon's connection can
     * (while it waits for a request line), so that a server stopping does not wait for idle clients.
     */
    private record Timed(ServerConnection connection, ConnectionClock clock, ConnectionDeadlines deadlines, ConnectionsPerAddress perAddress)
            implements ServerConnection, InterruptableTask<Void> {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            InetSocketAddress remote = (InetSocketAddress) clock.remotePeer().address();
            boolean counted = !ServingProbe.isOwn(remote, (InetSocketAddress) clock.localPeer().address());
            if (counted && !perAddress.admit(remote.getAddress())) {
                clock.closeSocket();
                return;
            }
            deadlines.watch(clock);
            try {
                connection.handle(limit);
            } finally {
                deadlines.forget(clock);
                clock.closeSocket();
                if (counted) {
                    perAddress.release(remote.getAddress());
                }
            }
        }

        @SuppressWarnings("removal")
        @Override
        public void handle(Semaphore requestSemaphore) throws InterruptedException {
            handle(FixedLimit.create(requestSemaphore));
        }

        @Override
        public boolean canInterrupt() {
            return connection instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        /** Never run as a task: Helidon runs its connection handler, which calls {@link #handle}. */
        @Override
        public void run() {
            throw new UnsupportedOperationException("a connection is handled, not run");
        }

        @Override
        public Duration idleTime() {
            return connection.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            connection.close(interrupt);
        }
    }
}
