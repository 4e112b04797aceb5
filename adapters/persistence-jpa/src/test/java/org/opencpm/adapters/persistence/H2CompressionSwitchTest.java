package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;

/**
 * An operator may turn the embedded database's page compression on or off at any restart
 * ({@code opencpm.db.h2.compress}): what was written either way is read back, and the chain
 * written across the switches verifies whole.
 */
class H2CompressionSwitchTest {

    @Test
    void a_chain_written_with_compression_on_off_and_on_again_reads_back_whole(@TempDir Path dataDir) {
        for (boolean compress : new boolean[] {true, false, true}) {
            try (JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir, compress))) {
                for (int i = 0; i < 200; i++) {
                    persistence.audit().append(draft(compress));
                }
            }
        }
        try (JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir, false))) {
            AuditChainVerifier verifier = new AuditChainVerifier();
            try (Stream<AuditEvent> events = persistence.audit().events(Optional.empty(), Optional.empty())) {
                events.forEach(verifier::accept);
            }
            assertThat(verifier.result(persistence.audit().head()).valid()).isTrue();
            assertThat(verifier.result().events()).isEqualTo(600);
        }
    }

    private static AuditDraft draft(boolean compress) {
        return AuditDraft.of(AuditEventType.API_KEY_CREATED, null, null, null, OnDatabase.T0, OnDatabase.T0,
                "key:compress-" + compress, null, null, null, Map.of("note", "pages compressed: " + compress));
    }
}
