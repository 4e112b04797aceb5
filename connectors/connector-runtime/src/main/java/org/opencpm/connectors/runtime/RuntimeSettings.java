package org.opencpm.connectors.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the runtime finds plugins and connector configuration, and how it runs them.
 *
 * @param pluginsDir   the distribution's {@code plugins/} folder (zips and jars)
 * @param configDir    {@code conf/connectors}, holding {@code <id>.properties} per connector
 * @param nodeId       this node's name in delivery leases
 * @param startTimeout how long a plugin may take to start or to build its routes before it counts as hung
 * @param idlePoll     how often an idle dispatcher looks for new deliveries
 * @param policy       the redelivery policy (each connector may override it in its configuration)
 */
public record RuntimeSettings(Path pluginsDir, Path configDir, String nodeId, Duration startTimeout, Duration idlePoll,
                              RedeliveryPolicy policy) {

    public RuntimeSettings {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(idlePoll, "idlePoll");
        Objects.requireNonNull(policy, "policy");
    }

    public static RuntimeSettings of(Path pluginsDir, Path configDir, String nodeId) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, Duration.ofSeconds(10), Duration.ofMillis(50), RedeliveryPolicy.DEFAULT);
    }

    public RuntimeSettings withStartTimeout(Duration other) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, other, idlePoll, policy);
    }

    public RuntimeSettings withPolicy(RedeliveryPolicy other) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, startTimeout, idlePoll, other);
    }
}
