package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * ADR 0004: a change committed on this node is sent at once — the application tells the host
 * ({@code committed}) and the connector's dispatcher looks now — so the idle poll bounds only
 * changes committed on other nodes and retries falling due. The poll here is an hour: a change
 * that waited for it would never arrive within the test.
 */
class CommitWakeUpTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("ADR 0004: a committed change wakes its connector's dispatcher instead of waiting for the idle poll")
    void a_committed_change_goes_out_without_waiting_for_the_poll() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("recorder.properties"), "enabled=true\n");
        InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(Instant::now);
        List<Long> received = Collections.synchronizedList(new ArrayList<>());
        CountingClock clock = new CountingClock();
        RuntimeSettings settings = new RuntimeSettings(dir.resolve("plugins"), conf, "node-a", Duration.ofSeconds(10), Duration.ofHours(1),
                RedeliveryPolicy.DEFAULT, RuntimeSettings.DEFAULT_RECEIPT_RETENTION);
        try (ConnectorHost host = ConnectorHost.startEmbedded(settings, queue, (subject, types) -> List.of(), clock,
                List.of(new Recorder(received)))) {
            // Read once as the host starts (releasing this node's leases), once by the dispatcher's first
            // claim: it looked, found nothing, and sleeps for the hour.
            await().atMost(Duration.ofSeconds(10)).until(() -> clock.reads.get() >= 2);

            queue.offer(change(7), "recorder");
            host.committed(List.of("recorder"));

            await("the change, long before the hour's poll").atMost(Duration.ofSeconds(10)).until(() -> received.contains(7L));
        }
        assertThat(received).containsExactly(7L);
    }

    private static ConsentChange change(long version) {
        return new ConsentChange(SubjectId.of("sub_1"), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing-sms")),
                Optional.of(ConsentState.WITHDRAWN), Preferences.none(), version, Instant.parse("2026-12-01T00:00:00Z"), true, "evt-" + version);
    }

    /** The system's time, counting how often it was read. */
    private static final class CountingClock extends Clock {
        final AtomicLong reads = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return Instant.now();
        }
    }

    /** Keeps the version of every change it is sent. */
    private static final class Recorder implements ChannelConnector {
        private final List<Long> received;

        Recorder(List<Long> received) {
            this.received = received;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("recorder", "Recorder", "1.0.0", Set.of("phone"), List.of(), 1, 0);
        }

        @Override
        public RouteBuilder routes(ConnectorContext context) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(context.entryUri()).routeId(context.routeId())
                            .process(exchange -> received.add(exchange.getIn().getBody(ChangeBatch.class).single().version()));
                }
            };
        }
    }
}
