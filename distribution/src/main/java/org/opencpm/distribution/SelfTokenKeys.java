package org.opencpm.distribution;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.opencpm.adapters.vault.SelfTokenKey;

/**
 * Where the preference centre's link key comes from (ADR 0022): {@code opencpm.preference-center.token-key}
 * (env {@code OPENCPM_PREFERENCE_CENTER_TOKEN_KEY}, base64 of 32 bytes) when set — the same value on
 * every node, so a link issued by one opens on all; else {@code <data>/secrets/self-token.key}, made on
 * first start (one node, or nodes sharing the data folder's secrets).
 */
final class SelfTokenKeys {

    static final String KEY = "opencpm.preference-center.token-key";

    private SelfTokenKeys() {
    }

    /** The SMS connector sign-in codes go out through ({@code opencpm.preference-center.sms-connector}); none: sign-in by code is off. */
    static Optional<String> smsConnector(Config config) {
        return config.getOptionalValue("opencpm.preference-center.sms-connector", String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The platform's template for the code message ({@code opencpm.preference-center.sms-template}); its parameter is {@code code}. */
    static Optional<String> smsTemplate(Config config) {
        return config.getOptionalValue("opencpm.preference-center.sms-template", String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    static SelfTokenKey from(Config config, Path secrets) {
        Optional<String> configured = config.getOptionalValue(KEY, String.class).map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return SelfTokenKey.loadOrCreate(secrets);
        }
        try {
            return new SelfTokenKey(Base64.getDecoder().decode(configured.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY + " must be 32 bytes, base64-encoded"); // the value itself is never repeated
        }
    }
}
