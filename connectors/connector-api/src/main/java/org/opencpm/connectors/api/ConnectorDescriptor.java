package org.opencpm.connectors.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is and needs.
 *
 * @param id              the connector id, also its config file name and route id ({@code crm-webhook})
 * @param identifierTypes the identifier types the platform needs ({@code phone}, {@code wechat_openid}…);
 *                        each change carries the subject's identifiers of these types only
 * @param configKeys      the configuration it reads, with which are required and which are secret
 * @param batchSize       how many changes one message carries at most, unless configured ({@code batch.size}); 1 = unbatched
 * @param batchWindowMillis how long the host waits to fill a batch, unless configured ({@code batch.windowMillis})
 */
public record ConnectorDescriptor(String id, String name, String version, Set<String> identifierTypes,
                                  List<ConfigKey> configKeys, int batchSize, long batchWindowMillis) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    public ConnectorDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("connector id '" + id + "' must be 1–48 of a-z, 0-9 and '-'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        identifierTypes = Set.copyOf(identifierTypes);
        configKeys = List.copyOf(configKeys);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is at least 1");
        }
        if (batchWindowMillis < 0) {
            throw new IllegalArgumentException("batchWindowMillis is never negative");
        }
    }

    /** A configuration key a connector reads. */
    public record ConfigKey(String name, boolean required, boolean secret, String description) {
        public ConfigKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }

        public static ConfigKey required(String name, String description) {
            return new ConfigKey(name, true, false, description);
        }

        public static ConfigKey optional(String name, String description) {
            return new ConfigKey(name, false, false, description);
        }

        public static ConfigKey secret(String name, String description) {
            return new ConfigKey(name, true, true, description);
        }
    }
}
