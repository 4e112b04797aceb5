package org.opencpm.connectors.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration keys the host reads for every connector, from the same
 * {@code conf/connectors/<id>.properties} as the plugin's own keys (which the plugin declares in
 * {@link ConnectorDescriptor#configKeys()}). This is their one declaration: the host checks each
 * value against it when the connector starts, and refuses the start with a message naming the key
 * when a value is not of its kind or out of range, or when a key in a host namespace
 * ({@code retry.}, {@code batch.}, {@code rate.}, {@code lease.}, {@code reconcile.}) is not one of these.
 *
 * <p>Whole numbers and decimals are checked against {@link #min()} and {@link #max()}.
 */
public enum HostKey {

    ENABLED(ConnectorApi.ENABLED, Kind.TRUE_OR_FALSE, 0, 0, "false",
            "whether the connector runs and is sent changes"),
    PURPOSES(ConnectorApi.PURPOSES, Kind.PURPOSE_LIST, 0, 0, "all purposes",
            "comma-separated purpose codes the connector is sent changes of"),
    BATCH_SIZE(ConnectorApi.BATCH_SIZE, Kind.WHOLE_NUMBER, 1, 10_000, "the descriptor's batchSize",
            "changes per message at most; 1 = one change per message"),
    BATCH_WINDOW_MILLIS(ConnectorApi.BATCH_WINDOW_MILLIS, Kind.WHOLE_NUMBER, 0, 60_000, "the descriptor's batchWindowMillis",
            "how long the host waits to fill a batch, in milliseconds"),
    RATE_PER_SECOND(ConnectorApi.RATE_PER_SECOND, Kind.DECIMAL, 0, 100_000, "no limit",
            "messages per second at most (the platform's quota); 0 = no limit"),
    PARALLELISM("parallelism", Kind.WHOLE_NUMBER, 1, 256, "8",
            "messages sent to the platform at once, at most"),
    RETRY_MAX_ATTEMPTS("retry.maxAttempts", Kind.WHOLE_NUMBER, 1, 1_000, "12",
            "attempts before a delivery is dead"),
    RETRY_BASE_MILLIS("retry.baseMillis", Kind.WHOLE_NUMBER, 0, 3_600_000, "1000",
            "the wait after the first failure, doubled after each further one (±20 % jitter)"),
    RETRY_MAX_MILLIS("retry.maxMillis", Kind.WHOLE_NUMBER, 0, 86_400_000, "300000",
            "the longest wait between attempts, also the most a platform's Retry-After is honoured; at least retry.baseMillis"),
    LEASE_SECONDS("lease.seconds", Kind.WHOLE_NUMBER, 60, 3_600, "120",
            "how long a node holds the deliveries it is sending before another node may take them; longer than any send takes"),
    /** Since 1.3.0. Each node runs its own schedule: set it on one node only. */
    RECONCILE_INTERVAL_HOURS("reconcile.intervalHours", Kind.WHOLE_NUMBER, 0, 720, "0",
            "hours between two full resets of the platform to the current audience (connectors with a reconciler); 0 = never;"
                    + " the first comes one interval after the start; set it on one node only");

    /** What a value must look like. */
    public enum Kind {
        /** {@code true} or {@code false}. */
        TRUE_OR_FALSE,
        /** Digits, within {@link HostKey#min()} and {@link HostKey#max()}. */
        WHOLE_NUMBER,
        /** A decimal number ({@code 2.5}), within {@link HostKey#min()} and {@link HostKey#max()}. */
        DECIMAL,
        /** Comma-separated purpose codes. */
        PURPOSE_LIST
    }

    /** The prefixes only the host's keys have: a key with one of them that is not declared here is refused. */
    public static final List<String> NAMESPACES = List.of("retry.", "batch.", "rate.", "lease.", "reconcile.");

    private final String key;
    private final Kind kind;
    private final long min;
    private final long max;
    private final String byDefault;
    private final String description;

    HostKey(String key, Kind kind, long min, long max, String byDefault, String description) {
        this.key = Objects.requireNonNull(key);
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.byDefault = byDefault;
        this.description = description;
    }

    /** The key as written in the configuration file. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The least value a number may have. */
    public long min() {
        return min;
    }

    /** The greatest value a number may have. */
    public long max() {
        return max;
    }

    /** What holds when the key is absent, in words. */
    public String byDefault() {
        return byDefault;
    }

    public String description() {
        return description;
    }

    /** The host key written {@code key}, if it is one. */
    public static Optional<HostKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Whether {@code key} is in a namespace only the host's keys use ({@code retry.…} and so on). */
    public static boolean inHostNamespace(String key) {
        return NAMESPACES.stream().anyMatch(key::startsWith);
    }
}
