package org.opencpm.distribution.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.opencpm.adapters.rest.security.IpLiterals;

/**
 * How many connections each client address holds, so that one address cannot take every place
 * under {@code opencpm.http.max-connections}: beyond {@code opencpm.http.max-connections-per-address}
 * a new connection from that address is closed before anything is read from it. An IPv6 client
 * counts by its /64 network, since one host usually has a whole /64 to pick addresses from. The
 * reverse proxies listed in {@code opencpm.security.trusted-proxies} are not counted: all their
 * clients' traffic arrives from their address. Refusals are logged at most once a minute.
 */
final class ConnectionsPerAddress {

    static final String MAX = "opencpm.http.max-connections-per-address";
    private static final Logger LOG = Logger.getLogger(ConnectionsPerAddress.class.getName());
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    /** An IPv4 or IPv6 address as text (a host name in the list is left out, never looked up). */

    private final int max;
    private final Set<InetAddress> exempt;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger refusedSinceLog = new AtomicInteger();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** At most {@code max} connections per address (negative: no limit), not counting {@code exempt} addresses. */
    ConnectionsPerAddress(int max, Set<InetAddress> exempt) {
        this.max = max;
        this.exempt = Set.copyOf(exempt);
    }

    /** The limit of the running server, from its configuration. */
    static ConnectionsPerAddress fromConfig() {
        Config config = ConfigProvider.getConfig();
        int max = config.getOptionalValue(MAX, Integer.class).orElse(256);
        if (max == 0 || max < -1) {
            throw new IllegalStateException(MAX + " must be at least 1, or -1 for no limit");
        }
        return new ConnectionsPerAddress(max, addresses(config.getOptionalValue("opencpm.security.trusted-proxies", String.class).orElse("")));
    }

    /** The literal addresses in a comma-separated list; anything else is left out. */
    static Set<InetAddress> addresses(String list) {
        return IpLiterals.list(list);
    }

    boolean admit(InetAddress peer) {
        if (max < 0 || exempt.contains(peer)) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(key(peer), (key, held) -> {
            int count = held == null ? 0 : held;
            if (count >= max) {
                return held;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            refused(peer);
        }
        return admitted[0];
    }

    /** Gives back the place of a connection from {@code peer} that {@link #admit} took. */
    void release(InetAddress peer) {
        if (max < 0 || exempt.contains(peer)) {
            return;
        }
        open.computeIfPresent(key(peer), (key, held) -> held <= 1 ? null : held - 1);
    }

    /** Connections counted for {@code peer}'s address now. */
    int held(InetAddress peer) {
        return open.getOrDefault(key(peer), 0);
    }

    private static InetAddress key(InetAddress peer) {
        if (peer instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(peer.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return peer;
    }

    private void refused(InetAddress peer) {
        refusedSinceLog.incrementAndGet();
        long last = lastLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            int refused = refusedSinceLog.getAndSet(0);
            LOG.warning(() -> "closed " + refused + " connection(s) at once from addresses that already held " + max
                    + " (" + MAX + "), the last from " + peer.getHostAddress() + ". Behind a reverse proxy, list it in"
                    + " opencpm.security.trusted-proxies or raise the limit");
        }
    }
}
