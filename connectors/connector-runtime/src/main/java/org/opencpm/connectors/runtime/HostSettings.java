package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.HostKey;

/**
 * What the host-owned keys ({@link HostKey}) of one connector's configuration say, each checked
 * against its declaration when the connector starts: a value that is not of its kind or out of
 * range, or a key in a host namespace that neither the host nor the connector declares, refuses
 * the start with a message naming the key.
 */
record HostSettings(int batchSize, long batchWindowMillis, double ratePerSecond, int parallelism, RedeliveryPolicy policy,
                    Duration lease, long reconcileIntervalHours) {

    private static final Logger LOG = Logger.getLogger(HostSettings.class.getName());

    /**
     * Reads and checks the host's keys of an enabled connector; {@code server} is the redelivery
     * policy of the server, which the connector's {@code retry.*} keys override.
     *
     * @throws IllegalStateException naming the key that is wrong
     */
    static HostSettings read(ConnectorDescriptor descriptor, ConnectorConfig config, RedeliveryPolicy server) {
        Set<String> declared = descriptor.configKeys().stream().map(ConnectorDescriptor.ConfigKey::name).collect(Collectors.toSet());
        for (String key : config.keys()) {
            if (HostKey.named(key).isEmpty() && !declared.contains(key)) {
                if (HostKey.inHostNamespace(key)) {
                    throw new IllegalStateException("configuration key '" + key + "' is not a host key (" + hostKeys()
                            + ") nor one connector " + descriptor.id() + " declares");
                }
                LOG.info(() -> "connector " + descriptor.id() + ": configuration key '" + key + "' is neither a host key nor one it declares");
            }
        }
        for (HostKey key : HostKey.values()) {
            config.get(key.key()).ifPresent(value -> check(key, value));
        }
        int maxAttempts = (int) number(config, HostKey.RETRY_MAX_ATTEMPTS, server.maxAttempts());
        long base = number(config, HostKey.RETRY_BASE_MILLIS, server.base().toMillis());
        long max = number(config, HostKey.RETRY_MAX_MILLIS, Math.max(base, server.max().toMillis()));
        if (max < base) {
            throw new IllegalStateException("configuration key '" + HostKey.RETRY_MAX_MILLIS.key() + "' (" + max
                    + ") must be at least '" + HostKey.RETRY_BASE_MILLIS.key() + "' (" + base + ")");
        }
        return new HostSettings((int) number(config, HostKey.BATCH_SIZE, descriptor.batchSize()),
                number(config, HostKey.BATCH_WINDOW_MILLIS, descriptor.batchWindowMillis()),
                config.get(HostKey.RATE_PER_SECOND.key()).map(Double::parseDouble).orElse(0.0),
                (int) number(config, HostKey.PARALLELISM, Long.parseLong(HostKey.PARALLELISM.byDefault())),
                new RedeliveryPolicy(maxAttempts, Duration.ofMillis(base), Duration.ofMillis(max), server.jitter()),
                Duration.ofSeconds(number(config, HostKey.LEASE_SECONDS, Long.parseLong(HostKey.LEASE_SECONDS.byDefault()))),
                number(config, HostKey.RECONCILE_INTERVAL_HOURS, Long.parseLong(HostKey.RECONCILE_INTERVAL_HOURS.byDefault())));
    }

    /** How the connector's dispatcher works with these settings. */
    Dispatcher.Settings dispatch(Duration idlePoll) {
        return new Dispatcher.Settings(Math.max(64, batchSize * 8), lease, idlePoll, parallelism, batchSize, batchWindowMillis,
                ratePerSecond, policy);
    }

    private static long number(ConnectorConfig config, HostKey key, long otherwise) {
        return config.get(key.key()).map(Long::parseLong).orElse(otherwise);
    }

    private static void check(HostKey key, String value) {
        switch (key.kind()) {
            case TRUE_OR_FALSE -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw refused(key, value, "true or false");
                }
            }
            case WHOLE_NUMBER -> {
                Optional<Long> number = parse(value, Long::parseLong);
                if (number.isEmpty() || number.get() < key.min() || number.get() > key.max()) {
                    throw refused(key, value, "a whole number from " + key.min() + " to " + key.max());
                }
            }
            case DECIMAL -> {
                Optional<Double> number = parse(value, Double::parseDouble);
                if (number.isEmpty() || number.get().isNaN() || number.get() < key.min() || number.get() > key.max()) {
                    throw refused(key, value, "a number from " + key.min() + " to " + key.max());
                }
            }
            case PURPOSE_LIST -> {
                // any list: each code is what the catalogue says, and a code it does not have simply never matches
            }
        }
    }

    private static <T> Optional<T> parse(String value, java.util.function.Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static IllegalStateException refused(HostKey key, String value, String expected) {
        return new IllegalStateException("configuration key '" + key.key() + "' must be " + expected + ", not '" + value + "'");
    }

    private static String hostKeys() {
        return Arrays.stream(HostKey.values()).map(HostKey::key).collect(Collectors.joining(", "));
    }
}
