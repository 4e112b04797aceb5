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
 * @param receiptRetention how long the receipts of delivered changes are kept
 */
public record RuntimeSettings(Path pluginsDir, Path configDir, String nodeId, Duration startTimeout, Duration idlePoll,
                              RedeliveryPolicy policy, Duration receiptRetention) {

    /** Receipts of delivered changes are kept 90 days unless configured otherwise. */
    public static final Duration DEFAULT_RECEIPT_RETENTION = Duration.ofDays(90);

    public RuntimeSettings {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(idlePoll, "idlePoll");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(receiptRetention, "receiptRetention");
    }

    public static RuntimeSettings of(Path pluginsDir, Path configDir, String nodeId) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, Duration.ofSeconds(10), Duration.ofMillis(50), RedeliveryPolicy.DEFAULT,
                DEFAULT_RECEIPT_RETENTION);
    }

    public RuntimeSettings withStartTimeout(Duration other) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, other, idlePoll, policy, receiptRetention);
    }

    public RuntimeSettings withPolicy(RedeliveryPolicy other) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, startTimeout, idlePoll, other, receiptRetention);
    }

    public RuntimeSettings withReceiptRetention(Duration other) {
        return new RuntimeSettings(pluginsDir, configDir, nodeId, startTimeout, idlePoll, policy, other);
    }
}
