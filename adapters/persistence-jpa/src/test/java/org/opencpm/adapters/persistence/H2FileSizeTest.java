package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.application.Ports;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.FixedClock;

/**
 * The embedded H2 file stays about the size of its data: consent events recorded through the real
 * use case on {@link JpaPersistence} (subject, identifier, consent row, audit event, outbox change
 * and its delivery, by many clients at once, so in group commits) leave at most
 * {@link #BYTES_PER_EVENT} bytes of file per event once the writes have stopped, without a
 * restart; and a clean close leaves a compacted file.
 *
 * <p>Before {@link H2Housekeeping}, the same events left ~11 KB per event, for good: nothing
 * rewrote the partly used chunks, and closing made the file larger still.
 */
class H2FileSizeTest {

    /** The budget of the issue: 2 KB of file per consent event, everything it writes included. */
    static final long BYTES_PER_EVENT = 2_048;
    private static final int EVENTS = 6_000;
    private static final int CLIENTS = 16;
    private static final Actor ADMIN = new Actor("key:test-admin");

    @Test
    void consent_events_leave_at_most_the_budget_per_event_once_writes_stop_without_a_restart(@TempDir Path dataDir) {
        try (JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            Recorder recorder = new Recorder(persistence);
            long before = fileSize(dataDir);

            recorder.record(EVENTS);

            long budget = before + BYTES_PER_EVENT * EVENTS;
            await("the file shrinks to " + budget + " bytes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(fileSize(dataDir)).isLessThanOrEqualTo(budget));
            assertThat(new AuditService(recorder.ports).verify()).satisfies(result -> {
                assertThat(result.valid()).isTrue();
                assertThat(result.events()).isGreaterThanOrEqualTo(EVENTS);
            });
        }
    }

    @Test
    void a_clean_close_compacts_the_file_and_keeps_every_event(@TempDir Path dataDir) {
        long before;
        try (JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            before = fileSize(dataDir);
            new Recorder(persistence).record(EVENTS);
        } // closed at once: no time for the housekeeping of a running database

        long compacted = fileSize(dataDir);
        assertThat(compacted).isLessThanOrEqualTo(before + BYTES_PER_EVENT * EVENTS);
        try (JpaPersistence reopened = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            assertThat(new AuditService(new Recorder(reopened, false).ports).verify()).satisfies(result -> {
                assertThat(result.valid()).isTrue();
                assertThat(result.events()).isGreaterThanOrEqualTo(EVENTS);
            });
        }
    }

    private static long fileSize(Path dataDir) {
        try {
            return Files.size(dataDir.resolve("db").resolve("opencpm.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's consent use case on the JPA stores, as the distribution wires it. */
    private static final class Recorder {

        final Ports ports;
        private final RecordConsentService consents;
        private Notice policy;

        Recorder(JpaPersistence p) {
            this(p, true);
        }

        Recorder(JpaPersistence p, boolean define) {
            ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                    change -> List.of("crm"), p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(),
                    p.sendBudget(), new MemoryDecisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(),
                    KeyedIdentityVault.withRandomKeys(), org.opencpm.adapters.vault.PersonKeyCipher.withRandomKeys(), new FixedClock(Instant.parse("2026-11-29T02:00:00Z")), p.transactions());
            consents = new RecordConsentService(ports, p.attachments());
            if (define) {
                ManagePurposesService purposes = new ManagePurposesService(ports);
                purposes.define(new DefinePurposeCommand(MARKETING_SMS, ADMIN));
                purposes.define(new DefinePurposeCommand(PERSONALIZATION, ADMIN));
                policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"),
                        "zh-CN", "隐私政策 2026-01", Optional.of("我们如何处理您的个人信息"), Optional.empty(),
                        Set.of(MARKETING_SMS.code(), PERSONALIZATION.code()), false, ADMIN)).notice();
            }
        }

        /** {@code events} consent events by {@link #CLIENTS} clients, per phone: a grant of SMS, of personalisation, a withdrawal of SMS. */
        void record(int events) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        for (int k = next.getAndIncrement(); k < events / 3; k = next.getAndIncrement()) {
                            Identifier phone = Identifier.phone("139" + String.format("%08d", k));
                            consents.record(aGrant().by(phone).of(MARKETING_SMS).on(policy).build());
                            consents.record(aGrant().by(phone).of(PERSONALIZATION).on(policy).build());
                            consents.record(aWithdrawal().by(phone).of(MARKETING_SMS).build());
                        }
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
