package org.opencpm.distribution.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The time limits of every HTTP connection, enforced by a sweeper that closes the socket of a
 * connection past one of them. Helidon 4.1 sets no read or write timeout on accepted sockets (its
 * {@code connection-options.read-timeout} is not applied to them) and its idle timeout only sees
 * connections that have sent a first byte, so without these a client keeps a connection, and a
 * file descriptor, for as long as it likes: 20,000 silent connections and the process has no
 * descriptors left; a few dozen clients that send requests and never read the answers hold as many
 * threads in writes that never end.
 * <ul>
 *   <li>idle ({@code opencpm.http.idle-timeout-seconds}): from the connection's opening, or from
 *       the previous response, until a request line has arrived;</li>
 *   <li>request headers ({@code opencpm.http.header-timeout-seconds}): from the request line to the
 *       end of the headers, however the bytes are spread out (a client trickling one header byte
 *       every few seconds never lets a single read wait long);</li>
 *   <li>read ({@code opencpm.http.read-timeout-seconds}): the longest pause while a request's body
 *       is arriving;</li>
 *   <li>write ({@code opencpm.http.write-timeout-seconds}): the longest a write of the response may
 *       stay blocked because the client does not read.</li>
 * </ul>
 * The sweeper is a daemon thread that never stops the process from ending, and it survives a
 * failure to close one connection: the closing happens on a thread of its own, so a close that
 * blocks (a TLS socket's) cannot stop the sweeping either.
 */
final class ConnectionDeadlines {

    private static final Logger LOG = Logger.getLogger(ConnectionDeadlines.class.getName());
    private static final Duration SWEEP = Duration.ofMillis(250);

    private final ConnectionClock.Limits limits;
    private final Set<ConnectionClock> open = ConcurrentHashMap.newKeySet();

    ConnectionDeadlines(ConnectionClock.Limits limits) {
        this.limits = limits;
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("opencpm-connection-deadlines").factory())
                .scheduleWithFixedDelay(this::sweepSafely, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The limits of the running server, from its configuration. */
    static ConnectionDeadlines fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new ConnectionDeadlines(ConnectionClock.Limits.of(seconds(config, "opencpm.http.idle-timeout-seconds", 60),
                seconds(config, "opencpm.http.header-timeout-seconds", 20),
                seconds(config, "opencpm.http.read-timeout-seconds", 30),
                seconds(config, "opencpm.http.write-timeout-seconds", 30)));
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

    /** A task that throws is never run again by its executor: the sweeper must not end with one failure. */
    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a sweep of the connection deadlines failed", e);
        }
    }

    /** One pass over the open connections; package-private so that a test can run one without waiting. */
    void sweep() {
        long now = System.nanoTime();
        for (ConnectionClock clock : open) {
            String overdue = clock.overdue(now, limits);
            if (overdue != null) {
                open.remove(clock);
                Thread.ofVirtual().name("opencpm-connection-close").start(() -> close(clock, overdue));
            }
        }
    }

    private static void close(ConnectionClock clock, String overdue) {
        try {
            clock.abort();
            LOG.fine(() -> "closed a connection: " + overdue);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a connection past its limit failed (" + overdue + ")", e);
        }
    }
}
