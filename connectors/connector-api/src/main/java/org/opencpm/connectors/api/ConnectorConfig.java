package org.opencpm.connectors.api;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A connector's configuration ({@code conf/connectors/<id>.properties}), with the values of
 * secrets that the file names as {@code env:VARIABLE} already read from the environment. Its
 * {@link #toString()} never shows a secret.
 */
public final class ConnectorConfig {

    private final Map<String, String> values;
    private final Set<String> secrets;

    public ConnectorConfig(Map<String, String> values, Set<String> secretKeys) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.secrets = Set.copyOf(secretKeys);
    }

    /**
     * A configuration without secrets. The host never makes one this way: it is here on purpose for
     * a plugin's own unit tests of its route or callback handler, outside the host.
     */
    public static ConnectorConfig of(Map<String, String> values) {
        return new ConnectorConfig(values, Set.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** @throws IllegalStateException naming the key when it is missing */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("configuration key '" + key + "' is required"));
    }

    public int getInt(String key, int otherwise) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("configuration key '" + key + "' must be a whole number");
            }
        }).orElse(otherwise);
    }

    public long getLong(String key, long otherwise) {
        return get(key).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("configuration key '" + key + "' must be a whole number");
            }
        }).orElse(otherwise);
    }

    public boolean getBoolean(String key, boolean otherwise) {
        return get(key).map(Boolean::parseBoolean).orElse(otherwise);
    }

    /** Every secret value, so that the host can keep them out of logs and error messages. */
    public Set<String> secretValues() {
        Set<String> out = new HashSet<>();
        for (String key : secrets) {
            get(key).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Every key the configuration has. Kept on purpose for connectors that read a family of keys
     * whose names they cannot list in advance ({@code tag.<purpose>=<tag id>}, say).
     */
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ConnectorConfig{");
        values.forEach((key, value) -> out.append(key).append('=').append(secrets.contains(key) ? "***" : value).append(", "));
        return out.append('}').toString();
    }
}
