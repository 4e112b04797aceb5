package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;

/**
 * A thread interrupted while it writes must not take the embedded database down with it. With
 * H2's default file system the interrupt closes the file channel and the database is closed for
 * everyone until a restart; {@link DatabaseSettings#embeddedH2} opens the file so that it cannot.
 */
class H2InterruptTest {

    @Test
    void a_writer_interrupted_over_and_over_leaves_the_embedded_database_working(@TempDir Path dataDir) throws Exception {
        try (JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            AtomicInteger written = new AtomicInteger();
            Thread writer = Thread.ofPlatform().start(() -> {
                // most writes fail (the interrupt lands before or during them); go on until some got through
                for (int attempt = 0; attempt < 50_000 && written.get() < 20; attempt++) {
                    Thread.interrupted(); // start each write uninterrupted: the interrupts must land during the I/O
                    try {
                        persistence.audit().append(draft());
                        written.incrementAndGet();
                    } catch (RuntimeException interruptedOrRefused) {
                        // a write may fail; the database must not
                    }
                }
            });
            // The appends are written by the group-commit thread: interrupt it too, where the file I/O happens.
            // It is the thread that runs a transaction's work, so a transaction hands it over.
            Thread groupCommit = persistence.transactions().inTransaction(Thread::currentThread);
            assertThat(groupCommit).isNotSameAs(Thread.currentThread());
            while (writer.isAlive()) {
                writer.interrupt();
                groupCommit.interrupt();
                Thread.onSpinWait();
            }
            writer.join();

            persistence.audit().append(draft());
            assertThat(written).hasPositiveValue();
            AuditChainVerifier verifier = new AuditChainVerifier();
            try (Stream<AuditEvent> events = persistence.audit().events(Optional.empty(), Optional.empty())) {
                events.forEach(verifier::accept);
            }
            assertThat(verifier.result(persistence.audit().head()).valid()).isTrue();
            assertThat(verifier.result().events()).isEqualTo(written.get() + 1L);
        }
    }

    private static AuditDraft draft() {
        return AuditDraft.of(AuditEventType.API_KEY_CREATED, null, null, null, OnDatabase.T0, OnDatabase.T0, "key:interrupt", null,
                null, null, Map.of());
    }
}
