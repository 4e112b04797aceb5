package org.opencpm.distribution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.opencpm.adapters.persistence.DatabaseSettings;
import org.opencpm.adapters.vault.VaultKeys;

/**
 * What the server is told by its configuration: where its data folder is, which database to use,
 * the bootstrap admin key. Each setting has a config key and an environment variable.
 *
 * <table>
 *   <tr><th>config key</th><th>environment</th><th>default</th></tr>
 *   <tr><td>opencpm.data-dir</td><td>OPENCPM_DATA_DIR</td><td>{@code <opencpm.home>/data}</td></tr>
 *   <tr><td>opencpm.db.url</td><td>OPENCPM_DB_URL</td><td>embedded H2 in the data folder</td></tr>
 *   <tr><td>opencpm.db.user / .password</td><td>OPENCPM_DB_USER / _PASSWORD</td><td>-</td></tr>
 *   <tr><td>opencpm.db.pool-size</td><td>OPENCPM_DB_POOL_SIZE</td><td>16 (10 on H2)</td></tr>
 *   <tr><td>opencpm.db.h2.compress</td><td>OPENCPM_DB_H2_COMPRESS</td><td>true: the embedded H2 compresses its pages
 *       (a quarter to a third fewer bytes, about 30 % fewer writes a second; ADR 0025)</td></tr>
 *   <tr><td>opencpm.plugins-dir</td><td>OPENCPM_PLUGINS_DIR</td><td>{@code <opencpm.home>/plugins}</td></tr>
 *   <tr><td>opencpm.connectors.conf-dir</td><td>OPENCPM_CONNECTORS_CONF_DIR</td><td>{@code <opencpm.home>/conf/connectors}</td></tr>
 *   <tr><td>opencpm.connectors.start-timeout-seconds</td><td>-</td><td>10: a plugin slower to start counts as hung</td></tr>
 *   <tr><td>opencpm.connectors.receipt-retention-days</td><td>-</td><td>90: delivered changes' receipts are kept this long</td></tr>
 *   <tr><td>opencpm.node-id</td><td>OPENCPM_NODE_ID</td><td>host name and a digest of the data folder</td></tr>
 *   <tr><td>opencpm.security.bootstrap-admin-key</td><td>OPENCPM_BOOTSTRAP_ADMIN_KEY</td><td>generated</td></tr>
 *   <tr><td>opencpm.security.vault.hash-key, .pseudonym-key, .seal-key (base64, 32 bytes each)</td>
 *       <td>OPENCPM_SECURITY_VAULT_HASH_KEY…</td><td>generated into {@code <data>/secrets}</td></tr>
 * </table>
 */
record ServerSettings(Path dataDir, DatabaseSettings database, Optional<String> bootstrapAdminKey, Optional<VaultKeys> vaultKeys,
                      Connectors connectors) {

    /** Where the connector plugins and their configuration are, and this node's name in delivery leases. */
    record Connectors(Path pluginsDir, Path confDir, String nodeId, Duration startTimeout, Duration receiptRetention) {
    }

    private static final String VAULT = "opencpm.security.vault.";
    static final String COMPRESS_H2 = "opencpm.db.h2.compress";

    static ServerSettings from(Config config) {
        Path dataDir = config.getOptionalValue("opencpm.data-dir", String.class).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Optional.ofNullable(System.getProperty(OperatorConfigSource.HOME_PROPERTY))
                        .map(home -> Path.of(home, "data"))
                        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".opencpm", "data")))
                .toAbsolutePath().normalize();
        Optional<String> url = config.getOptionalValue("opencpm.db.url", String.class).filter(s -> !s.isBlank());
        DatabaseSettings database = url
                .map(u -> new DatabaseSettings(u, config.getOptionalValue("opencpm.db.user", String.class).orElse(null),
                        config.getOptionalValue("opencpm.db.password", String.class).orElse(null),
                        config.getOptionalValue("opencpm.db.pool-size", Integer.class).orElse(16)))
                .orElseGet(() -> DatabaseSettings.embeddedH2(dataDir,
                        compressH2Pages(config.getOptionalValue(COMPRESS_H2, String.class))));
        Optional<String> bootstrap = config.getOptionalValue("opencpm.security.bootstrap-admin-key", String.class)
                .or(() -> config.getOptionalValue("opencpm.bootstrap-admin-key", String.class))
                .filter(s -> !s.isBlank());
        return new ServerSettings(dataDir, database, bootstrap, vaultKeys(config), connectors(config, dataDir));
    }

    /** {@value #COMPRESS_H2}: {@code true} (the default) or {@code false}, nothing else. */
    static boolean compressH2Pages(Optional<String> value) {
        String text = value.map(String::strip).orElse("true");
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalStateException(COMPRESS_H2 + " must be true or false");
    }

    private static Connectors connectors(Config config, Path dataDir) {
        Path home = Optional.ofNullable(System.getProperty(OperatorConfigSource.HOME_PROPERTY)).map(Path::of)
                .orElseGet(() -> dataDir.getParent() == null ? dataDir : dataDir.getParent());
        Path plugins = config.getOptionalValue("opencpm.plugins-dir", String.class).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> home.resolve("plugins")).toAbsolutePath().normalize();
        Path conf = config.getOptionalValue("opencpm.connectors.conf-dir", String.class).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> home.resolve("conf").resolve("connectors")).toAbsolutePath().normalize();
        String node = config.getOptionalValue("opencpm.node-id", String.class).filter(s -> !s.isBlank())
                .orElseGet(() -> hostAnd(dataDir));
        int timeout = config.getOptionalValue("opencpm.connectors.start-timeout-seconds", Integer.class).orElse(10);
        if (timeout < 1) {
            throw new IllegalStateException("opencpm.connectors.start-timeout-seconds must be at least 1");
        }
        int retentionDays = config.getOptionalValue("opencpm.connectors.receipt-retention-days", Integer.class).orElse(90);
        if (retentionDays < 1) {
            throw new IllegalStateException("opencpm.connectors.receipt-retention-days must be at least 1");
        }
        return new Connectors(plugins, conf, node, Duration.ofSeconds(timeout), Duration.ofDays(retentionDays));
    }

    /**
     * This node's name in delivery leases: the host name and a digest of the data folder, the same
     * at every start — so that a restarted node knows the leases it held are its own.
     */
    private static String hostAnd(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dataDir.toString().getBytes(StandardCharsets.UTF_8));
            return host + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vault keys from configuration (for keys kept in a secret store), all three or none. */
    private static Optional<VaultKeys> vaultKeys(Config config) {
        Optional<String> hash = config.getOptionalValue(VAULT + "hash-key", String.class).filter(s -> !s.isBlank());
        Optional<String> pseudonym = config.getOptionalValue(VAULT + "pseudonym-key", String.class).filter(s -> !s.isBlank());
        Optional<String> seal = config.getOptionalValue(VAULT + "seal-key", String.class).filter(s -> !s.isBlank());
        int given = (hash.isPresent() ? 1 : 0) + (pseudonym.isPresent() ? 1 : 0) + (seal.isPresent() ? 1 : 0);
        if (given == 0) {
            return Optional.empty();
        }
        if (given < 3) {
            throw new IllegalStateException("configure all three of " + VAULT + "hash-key, pseudonym-key and seal-key, or none");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(new VaultKeys(base64.decode(hash.get()), base64.decode(pseudonym.get()), base64.decode(seal.get())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VAULT + "* keys must be 32 bytes each, base64-encoded: " + e.getMessage());
        }
    }
}
