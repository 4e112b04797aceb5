package org.opencpm.distribution;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.security.FailedAuthentications;

/**
 * How failed API-key authentications are throttled per client address, from configuration:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>opencpm.security.auth-failures.max</td><td>20</td><td>failures an address may have per window before it gets 429</td></tr>
 *   <tr><td>opencpm.security.auth-failures.window</td><td>PT1M</td><td>the window (ISO-8601 duration)</td></tr>
 *   <tr><td>opencpm.security.auth-failures.max-addresses</td><td>10000</td><td>addresses tracked at most (bounded memory)</td></tr>
 * </table>
 * Each also reads from the environment as {@code OPENCPM_SECURITY_AUTH_FAILURES_MAX} and so on.
 */
final class AuthenticationSettings {

    private static final String PREFIX = "opencpm.security.auth-failures.";

    private AuthenticationSettings() {
    }

    static FailedAuthentications.Settings from(Config config) {
        FailedAuthentications.Settings defaults = FailedAuthentications.Settings.DEFAULT;
        return new FailedAuthentications.Settings(
                config.getOptionalValue(PREFIX + "max", Integer.class).orElse(defaults.maxFailures()),
                config.getOptionalValue(PREFIX + "window", String.class).filter(s -> !s.isBlank()).map(Duration::parse)
                        .orElse(defaults.window()),
                config.getOptionalValue(PREFIX + "max-addresses", Integer.class).orElse(defaults.maxAddresses()));
    }
}
