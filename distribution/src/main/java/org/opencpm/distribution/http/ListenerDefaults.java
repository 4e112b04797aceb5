package org.opencpm.distribution.http;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Built-in defaults that depend on the machine: the connection cap
 * ({@code opencpm.http.max-connections}) fitted to this process's open-file limit. Ordinal 101:
 * just above the fixed defaults in {@code microprofile-config.properties}, below the operator's
 * file, the environment and {@code -D} options, which may set it explicitly.
 */
public final class ListenerDefaults implements ConfigSource {

    public static final String MAX_CONNECTIONS = "opencpm.http.max-connections";
    private static final int ORDINAL = 101;

    private final Map<String, String> values = Map.of(MAX_CONNECTIONS, Integer.toString(OpenFiles.defaultMaxConnections()));

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "OpenCPM defaults fitted to the open-file limit";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
