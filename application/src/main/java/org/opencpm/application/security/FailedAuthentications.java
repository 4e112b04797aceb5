package org.opencpm.application.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.opencpm.application.port.out.Clock;

/**
 * Failed API-key authentications: counted (for the metric), logged at most once per
 * {@link Settings#window()} in one line that never holds a presented key, and throttled per
 * client address: more than {@link Settings#maxFailures()} failures from one address within one
 * window, and the address is answered "wait until the window ends" (429 with {@code Retry-After})
 * until it does.
 *
 * <p>A throttled address is told to wait <em>before</em> its key is looked at
 * ({@link #refuseWhileThrottled}): were the key checked first, the 429 would be given to wrong
 * keys only and a guesser would still learn, at full speed, which of its guesses is right. So a
 * valid key from a throttled address waits too; keys from other addresses are unaffected. The
 * table holds at most {@link Settings#maxAddresses()} addresses; when it is full of addresses that
 * failed within the window, further addresses share one overflow entry, so memory stays bounded
 * whatever the number of addresses an attacker has. The overflow entry only answers failures
 * (it is not consulted before a key is looked at): an attacker who fills the table must not lock
 * every other client out.
 */
public final class FailedAuthentications {

    private static final Logger LOG = Logger.getLogger(FailedAuthentications.class.getName());
    /** The entry addresses share when the table is full. */
    static final String OVERFLOW = "*";

    /** The limits; {@link #DEFAULT}: 20 failures a minute per address, 10,000 addresses. */
    public record Settings(int maxFailures, Duration window, int maxAddresses) {
        public static final Settings DEFAULT = new Settings(20, Duration.ofMinutes(1), 10_000);

        public Settings {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
                throw new IllegalArgumentException("throttling needs at least 1 failure, a positive window and 1 address");
            }
        }
    }

    private record Window(Instant start, int failures) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private final LongAdder total = new LongAdder();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Instant nextPurge = Instant.MIN;
    private Instant logWindowStart = Instant.MIN;
    private int unloggedFailures;

    public FailedAuthentications(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Counts a failure from {@code clientAddress}; returns how long the address must wait when it
     * has now failed more than it may within the current window.
     */
    public Optional<Duration> failed(String clientAddress) {
        counted();
        Instant now = clock.now();
        Window window;
        synchronized (this) {
            String address = windows.containsKey(clientAddress) || hasRoom(now) ? clientAddress : OVERFLOW;
            window = windows.compute(address, (a, w) -> w == null || !now.isBefore(end(w))
                    ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
            logRateLimited(now, clientAddress);
        }
        return throttled(window) ? Optional.of(left(window, now)) : Optional.empty();
    }

    /**
     * Before any key from {@code clientAddress} is looked at: how long the address must still wait
     * when it is throttled now, the attempt then counting as one more failure; empty when its key
     * may be checked.
     */
    public Optional<Duration> refuseWhileThrottled(String clientAddress) {
        Instant now = clock.now();
        Window window;
        synchronized (this) {
            window = windows.get(clientAddress);
            if (window == null || !now.isBefore(end(window)) || !throttled(window)) {
                return Optional.empty();
            }
            windows.put(clientAddress, new Window(window.start(), window.failures() + 1));
            logRateLimited(now, clientAddress);
        }
        counted();
        return Optional.of(left(window, now));
    }

    private void counted() {
        total.increment();
        listeners.forEach(Runnable::run);
    }

    private boolean throttled(Window window) {
        return window.failures() > settings.maxFailures();
    }

    private Instant end(Window window) {
        return window.start().plus(settings.window());
    }

    private Duration left(Window window, Instant now) {
        Duration left = Duration.between(now, end(window));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    /** Failed authentications since start. */
    public long total() {
        return total.sum();
    }

    /** Calls {@code listener} on every failure (a metric's counter). */
    public void onFailure(Runnable listener) {
        listeners.add(listener);
    }

    /** Addresses in the table now. */
    synchronized int addresses() {
        return windows.size();
    }

    /** Whether a new address fits, dropping the windows that have ended when the table is full (at most once a second). */
    private boolean hasRoom(Instant now) {
        int room = settings.maxAddresses() - 1; // one entry is kept for the overflow
        if (windows.size() < room) {
            return true;
        }
        if (now.isBefore(nextPurge)) {
            return false;
        }
        nextPurge = now.plusSeconds(1);
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(end(it.next()))) {
                it.remove();
            }
        }
        return windows.size() < room;
    }

    /** One line per window at most: how many failed, from where last. Never the key presented. */
    private void logRateLimited(Instant now, String clientAddress) {
        unloggedFailures++;
        if (now.isBefore(logWindowStart.plus(settings.window()))) {
            return;
        }
        int count = unloggedFailures;
        unloggedFailures = 0;
        logWindowStart = now;
        String address = (clientAddress.length() > 64 ? clientAddress.substring(0, 64) : clientAddress).replaceAll("\\p{Cntrl}", "?");
        LOG.warning(() -> count + " failed API-key authentication(s) since the last report, the latest from " + address
                + "; at most one such line per " + settings.window().toSeconds() + " s");
    }
}
