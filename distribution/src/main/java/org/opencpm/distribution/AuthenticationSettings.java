package org.opencpm.distribution;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.security.ApiKeyService;
import org.opencpm.application.security.FailedAuthentications;

/**
 * How failed API-key authentications are throttled per client address, from configuration:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>opencpm.security.auth-failures.max</td><td>20</td><td>failures an address may have per window before it gets 429</td></tr>
 *   <tr><td>opencpm.security.auth-failures.window</td><td>PT1M</td><td>the window (ISO-8601 duration, PT1S to P1D)</td></tr>
 *   <tr><td>opencpm.security.auth-failures.max-addresses</td><td>10000</td><td>addresses tracked at most (bounded memory)</td></tr>
 *   <tr><td>opencpm.security.key-cache</td><td>PT1S on the embedded H2, PT0S on a shared database</td><td>how long a node answers from a key row it read (ADR 0019):
 *   the longest a key revoked on another node still passes here; PT0S reads the row on every request</td></tr>
 * </table>
 * Each also reads from the environment as {@code OPENCPM_SECURITY_AUTH_FAILURES_MAX} and so on.
 */
final class AuthenticationSettings {

    private static final String PREFIX = "opencpm.security.auth-failures.";

    private AuthenticationSettings() {
    }

    /**
     * How long a key row answers this node's checks. Unset: {@link ApiKeyService#DEFAULT_KEY_CACHE} on
     * the embedded H2, which no other process can open (so the node that revokes is the only one
     * that must forget, and it does at once); zero on a shared database, where a key revoked on
     * another node must be refused from the next request on (ADR 0006) unless the operator
     * accepts the delay for speed (ADR 0019).
     */
    static Duration keyCache(Config config, String databaseUrl) {
        return DurationSetting.read(key -> config.getOptionalValue(key, String.class), "opencpm.security.key-cache",
                databaseUrl.startsWith("jdbc:h2:file:") ? ApiKeyService.DEFAULT_KEY_CACHE : Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(1));
    }

    static FailedAuthentications.Settings from(Config config) {
        FailedAuthentications.Settings defaults = FailedAuthentications.Settings.DEFAULT;
        return new FailedAuthentications.Settings(
                config.getOptionalValue(PREFIX + "max", Integer.class).orElse(defaults.maxFailures()),
                DurationSetting.read(key -> config.getOptionalValue(key, String.class), PREFIX + "window", defaults.window(),
                        Duration.ofSeconds(1), Duration.ofDays(1)),
                config.getOptionalValue(PREFIX + "max-addresses", Integer.class).orElse(defaults.maxAddresses()));
    }
}
