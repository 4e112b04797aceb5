package org.opencpm.distribution;

import java.nio.file.Path;
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
 *   <tr><td>opencpm.security.bootstrap-admin-key</td><td>OPENCPM_BOOTSTRAP_ADMIN_KEY</td><td>generated</td></tr>
 *   <tr><td>opencpm.security.vault.hash-key, .pseudonym-key, .seal-key (base64, 32 bytes each)</td>
 *       <td>OPENCPM_SECURITY_VAULT_HASH_KEY…</td><td>generated into {@code <data>/secrets}</td></tr>
 * </table>
 */
record ServerSettings(Path dataDir, DatabaseSettings database, Optional<String> bootstrapAdminKey, Optional<VaultKeys> vaultKeys) {

    private static final String VAULT = "opencpm.security.vault.";

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
                .orElseGet(() -> DatabaseSettings.embeddedH2(dataDir));
        Optional<String> bootstrap = config.getOptionalValue("opencpm.security.bootstrap-admin-key", String.class)
                .or(() -> config.getOptionalValue("opencpm.bootstrap-admin-key", String.class))
                .filter(s -> !s.isBlank());
        return new ServerSettings(dataDir, database, bootstrap, vaultKeys(config));
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
