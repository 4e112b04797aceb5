package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Every transaction the embedded H2 database acknowledged survives the process being killed
 * ({@code kill -9}): a child JVM commits transactions on {@link DatabaseSettings#embeddedH2},
 * reports each one once its commit returned, and halts at once after the last ({@code
 * Runtime.halt}: no shutdown hook, no close, nothing flushed on the way out); then the database
 * is opened again and must hold every reported transaction.
 */
class H2DurabilityTest {

    private static final int TRANSACTIONS = 40;

    @Test
    void every_acknowledged_transaction_survives_the_process_being_killed(@TempDir Path dataDir) throws Exception {
        Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                CommitThenHalt.class.getName(), dataDir.toString(), Integer.toString(TRANSACTIONS))
                .redirectErrorStream(true)
                .start();
        List<String> acknowledged = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(CommitThenHalt.ACKNOWLEDGED)) {
                    acknowledged.add(line.substring(CommitThenHalt.ACKNOWLEDGED.length()));
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(child.exitValue()).as(output.toString()).isEqualTo(CommitThenHalt.HALTED);
        assertThat(acknowledged).as(output.toString()).hasSize(TRANSACTIONS);

        try (JpaPersistence reopened = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            for (String id : acknowledged) {
                assertThat(reopened.subjects().find(SubjectId.of(id))).as("subject %s", id).isPresent();
            }
            AuditChainVerifier verifier = new AuditChainVerifier();
            try (Stream<AuditEvent> events = reopened.audit().events(Optional.empty(), Optional.empty())) {
                events.forEach(verifier::accept);
            }
            assertThat(verifier.result(reopened.audit().head())).satisfies(result -> {
                assertThat(result.valid()).isTrue();
                assertThat(result.events()).isEqualTo(TRANSACTIONS);
            });
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The child: commits, says so, and dies without a word the moment the last commit returned. */
    public static final class CommitThenHalt {

        static final String ACKNOWLEDGED = "acknowledged ";
        static final int HALTED = 42;

        public static void main(String[] args) {
            Path dataDir = Path.of(args[0]);
            int transactions = Integer.parseInt(args[1]);
            JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir));
            for (int i = 0; i < transactions; i++) {
                SubjectId id = SubjectId.of("sub_durable_" + i);
                persistence.transactions().inTransaction(() -> {
                    persistence.subjects().save(Subject.register(id, OnDatabase.T0), Optional.empty());
                    persistence.audit().append(AuditDraft.of(AuditEventType.SUBJECT_UPDATED, id.value(), null, null, OnDatabase.T0,
                            OnDatabase.T0, "key:durability", null, null, null, Map.of("n", Integer.toString(id.hashCode()))));
                    return null;
                });
                System.out.println(ACKNOWLEDGED + id.value());
                System.out.flush();
            }
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
