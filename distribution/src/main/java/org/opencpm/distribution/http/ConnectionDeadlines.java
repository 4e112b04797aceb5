package org.opencpm.distribution.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The time limits of every HTTP connection, enforced by a sweeper that closes the socket of a
 * connection past one of them. Helidon 4.1 sets no read timeout on accepted sockets (its
 * {@code connection-options.read-timeout} is not applied to them) and its idle timeout only sees
 * connections that have sent a first byte, so without these a client keeps a connection, and a
 * file descriptor, for as long as it likes: 20,000 silent connections and the process has no
 * descriptors left.
 * <ul>
 *   <li>idle ({@code opencpm.http.idle-timeout-seconds}): from the connection's opening, or from
 *       the previous response, until a request line has arrived;</li>
 *   <li>request headers ({@code opencpm.http.header-timeout-seconds}): from the request line to the
 *       end of the headers, however the bytes are spread out (a client trickling one header byte
 *       every few seconds never lets a single read wait long);</li>
 *   <li>read ({@code opencpm.http.read-timeout-seconds}): the longest pause while a request's body
 *       is arriving.</li>
 * </ul>
 */
final class ConnectionDeadlines {

    private static final Logger LOG = Logger.getLogger(ConnectionDeadlines.class.getName());
    private static final Duration SWEEP = Duration.ofMillis(250);

    private final long idleNanos;
    private final long headNanos;
    private final long readNanos;
    private final Set<ConnectionClock> open = ConcurrentHashMap.newKeySet();

    ConnectionDeadlines(Duration idle, Duration head, Duration read) {
        this.idleNanos = idle.toNanos();
        this.headNanos = head.toNanos();
        this.readNanos = read.toNanos();
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("opencpm-connection-deadlines").factory())
                .scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The limits of the running server, from its configuration. */
    static ConnectionDeadlines fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new ConnectionDeadlines(seconds(config, "opencpm.http.idle-timeout-seconds", 60),
                seconds(config, "opencpm.http.header-timeout-seconds", 20),
                seconds(config, "opencpm.http.read-timeout-seconds", 30));
    }

    private static Duration seconds(Config config, String key, int fallback) {
        int seconds = config.getOptionalValue(key, Integer.class).orElse(fallback);
        if (seconds < 1) {
            throw new IllegalStateException(key + " must be at least 1");
        }
        return Duration.ofSeconds(seconds);
    }

    void watch(ConnectionClock clock) {
        open.add(clock);
    }

    void forget(ConnectionClock clock) {
        open.remove(clock);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (ConnectionClock clock : open) {
            String overdue = clock.overdue(now, idleNanos, headNanos, readNanos);
            if (overdue != null) {
                open.remove(clock);
                clock.closeSocket();
                LOG.fine(() -> "closed a connection: " + overdue);
            }
        }
    }
}
