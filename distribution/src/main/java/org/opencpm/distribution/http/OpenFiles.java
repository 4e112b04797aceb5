package org.opencpm.distribution.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's open-file limit, and how many of those descriptors client connections may take.
 * Every accepted TCP connection costs a descriptor; the rest of the server (jar files, database
 * connections, plugin files, outbound connector calls) needs some too. When accepting a connection
 * fails with "Too many open files", Helidon's accept loop ends the listener for good, so the
 * connection cap must stay below the limit with room to spare.
 */
public final class OpenFiles {

    /** Descriptors kept for everything but client connections: at least this many... */
    static final int MIN_RESERVE = 256;
    /** ...or this fraction of the limit (1/8), whichever is larger. */
    static final int RESERVE_DIVISOR = 8;
    /** The connection cap when the limit allows more. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private OpenFiles() {
    }

    /** The soft open-file limit of this process, or -1 where the platform does not say. */
    public static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** Descriptors open now, or -1 where the platform does not say. */
    public static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** The most client connections that {@code limit} descriptors leave room for. */
    public static int connectionsWithin(long limit) {
        if (limit <= 0) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        long reserve = Math.max(MIN_RESERVE, limit / RESERVE_DIVISOR);
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE, limit - reserve));
    }

    /** The default connection cap: {@link #DEFAULT_MAX_CONNECTIONS}, lowered to fit this process's limit. */
    public static int defaultMaxConnections() {
        return Math.min(DEFAULT_MAX_CONNECTIONS, connectionsWithin(limit()));
    }
}
