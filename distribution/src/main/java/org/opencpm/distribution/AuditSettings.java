package org.opencpm.distribution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How the audit chain is anchored, from configuration:
 * <ul>
 *   <li>{@code opencpm.audit.checkpointSeconds} ({@code OPENCPM_AUDIT_CHECKPOINTSECONDS}), default
 *       300, 10 to 86400: how often the head is signed in a checkpoint — the most recent events a
 *       DBA could cut unseen are those of the last interval (PIPL Art. 54–56);</li>
 *   <li>{@code opencpm.audit.checkpointKeyFile} ({@code OPENCPM_AUDIT_CHECKPOINTKEYFILE}), optional:
 *       a PEM file with the signing key (private and public), e.g. a mounted secret, instead of the
 *       one kept in the data folder's secrets.</li>
 * </ul>
 * A value out of range or not a whole number stops the start, naming the key.
 */
record AuditSettings(Duration checkpointEvery, Optional<Path> keyFile) {

    static final String CHECKPOINT_SECONDS = "opencpm.audit.checkpointSeconds";
    static final String KEY_FILE = "opencpm.audit.checkpointKeyFile";

    static AuditSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static AuditSettings from(Function<String, Optional<String>> values) {
        Optional<String> seconds = values.apply(CHECKPOINT_SECONDS).map(String::trim).filter(s -> !s.isEmpty());
        long every = 300;
        if (seconds.isPresent()) {
            try {
                every = Long.parseLong(seconds.get());
            } catch (NumberFormatException notANumber) {
                every = -1;
            }
            if (every < 10 || every > 86_400) {
                throw new IllegalStateException(CHECKPOINT_SECONDS + " must be a whole number from 10 to 86400, not '" + seconds.get() + "'");
            }
        }
        Optional<Path> keyFile = values.apply(KEY_FILE).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
        return new AuditSettings(Duration.ofSeconds(every), keyFile);
    }
}
