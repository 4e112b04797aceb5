package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.connectors.api.Audience;
import org.opencpm.connectors.api.AudienceMember;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.Reconciler;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The host's scheduled reconciliations, on a schedule the test holds: when a run comes, what it is
 * given, and what happens when it fails, overlaps or its connector stops.
 */
class ReconciliationTest {

    private static final String SECRET = "s3cret-token-77";

    @TempDir
    Path dir;

    private final HeldSchedule schedule = new HeldSchedule();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(Reconciliation.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private ConnectorHost host(String config, ChannelConnector connector) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(conf.resolve("resetting.properties"), "enabled=true\ntoken=" + SECRET + "\n" + config);
        ConnectorHost host = ConnectorHost.startEmbedded(RuntimeSettings.of(dir.resolve("plugins"), conf, "node-a"),
                new InMemoryDeliveryQueue(Instant::now),
                (subject, types) -> List.of(SubjectIdentifier.of("phone", "+86138000000" + subject.substring(4)),
                        SubjectIdentifier.of("email", subject + "@example.com")).stream().filter(i -> types.contains(i.type())).toList(),
                Clock.systemUTC(), List.of(connector), schedule);
        host.reconcileWith(new Consenters());
        return host;
    }

    @Test
    @DisplayName("With reconcile.intervalHours, a run is scheduled every interval and none at start; it walks the purposes' consenters with the declared identifiers, under the plugin's loader")
    void a_run_every_interval_with_the_audience_of_the_purposes() throws Exception {
        Resetting connector = new Resetting(audience -> { });
        try (ConnectorHost host = host("reconcile.intervalHours=6\npurposes=marketing-ads\n", connector)) {
            assertThat(schedule.intervals).containsExactly(Duration.ofHours(6));
            assertThat(connector.audiences).as("nothing at start").isEmpty();
            assertThat(logs).as("no run tried at start").isEmpty();

            ClassLoader before = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
                Thread.currentThread().setContextClassLoader(other);
                schedule.tasks.get(0).run();
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }

            assertThat(connector.loaders).containsExactly(Resetting.class.getClassLoader());
            Seen seen = connector.audiences.get(0);
            assertThat(seen.purposes()).containsExactly("marketing-ads");
            assertThat(seen.members()).extracting(AudienceMember::subjectId).containsExactlyInAnyOrder("sub_01", "sub_02");
            assertThat(seen.members()).allSatisfy(member -> assertThat(member.identifiers()).extracting(SubjectIdentifier::type)
                    .as("only the declared type").containsExactly("phone"));
        }
    }

    @Test
    void without_the_key_nothing_is_scheduled_but_the_kit_may_still_run_it() throws Exception {
        Resetting connector = new Resetting(audience -> { });
        try (ConnectorHost host = host("purposes=marketing-ads\n", connector)) {
            assertThat(schedule.intervals).isEmpty();
            assertThat(host.reconcile("resetting")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("A failed run is logged without the connector's secrets, and the next interval runs again")
    void a_failure_is_logged_scrubbed_and_the_next_interval_tries_again() throws Exception {
        List<Boolean> fail = new CopyOnWriteArrayList<>(List.of(true));
        Resetting connector = new Resetting(audience -> {
            if (fail.remove(0)) {
                throw new IllegalStateException("the platform refused token " + SECRET);
            }
        });
        try (ConnectorHost host = host("reconcile.intervalHours=1\npurposes=marketing-ads\n", connector)) {
            fail.add(false);
            schedule.tasks.get(0).run();
            assertThat(logs).anySatisfy(line -> assertThat(line).contains("resetting", "reconciliation failed", "***")
                    .doesNotContain(SECRET));

            schedule.tasks.get(0).run();
            assertThat(connector.audiences).as("the second run").hasSize(1);
            assertThat(logs).anySatisfy(line -> assertThat(line).contains("resetting reconciled", "2 people"));
        }
    }

    @Test
    void an_undefined_purpose_fails_the_run_instead_of_resetting_to_no_one() throws Exception {
        Resetting connector = new Resetting(audience -> audience.forEach(member -> { }));
        try (ConnectorHost host = host("purposes=marketing-adds\n", connector)) {
            assertThatThrownBy(() -> host.reconcile("resetting")).hasMessageContaining("marketing-adds");
            assertThat(connector.audiences).isEmpty();
        }
    }

    @Test
    @DisplayName("Never two runs of one connector at once: a run asked for while one is under way is skipped")
    void never_two_runs_at_once() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Resetting connector = new Resetting(audience -> {
            inside.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        try (ConnectorHost host = host("reconcile.intervalHours=1\npurposes=marketing-ads\n", connector)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> schedule.tasks.get(0).run());
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> host.reconcile("resetting")).hasMessageContaining("already running");
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertThat(connector.audiences).hasSize(1);
        }
    }

    @Test
    @DisplayName("Its schedule stops with the connector (a new configuration starts it again with its own), and all stop with the host")
    void its_schedule_stops_with_the_connector() throws Exception {
        ConnectorHost host = host("reconcile.intervalHours=1\npurposes=marketing-ads\n", new Resetting(audience -> { }));
        assertThat(schedule.closed).containsExactly(false);

        Files.writeString(dir.resolve("conf").resolve("resetting.properties"), "enabled=true\ntoken=" + SECRET
                + "\nreconcile.intervalHours=12\npurposes=marketing-ads\n");
        host.reloadPlugins();
        assertThat(schedule.intervals).containsExactly(Duration.ofHours(1), Duration.ofHours(12));
        assertThat(schedule.closed).containsExactly(true, false);

        host.close();
        assertThat(schedule.shutDown).isTrue();
    }

    /** Two subjects consent to marketing-ads; marketing-adds is a typo no purpose has. */
    private static final class Consenters implements WalkConsentersUseCase {
        @Override
        public Set<PurposeCode> purposes(Set<PurposeCode> asked) {
            asked.stream().filter(p -> !p.value().equals("marketing-ads")).findFirst().ifPresent(p -> {
                throw new UnknownPurposeException(p);
            });
            return asked;
        }

        @Override
        public long forEachConsenter(Set<PurposeCode> purposes, Consumer<SubjectId> consenter) {
            consenter.accept(SubjectId.of("sub_01"));
            consenter.accept(SubjectId.of("sub_02"));
            return 2;
        }
    }

    private record Seen(Set<String> purposes, List<AudienceMember> members) {
    }

    /** A connector whose reconciler walks the audience, records it and then does {@code then}. */
    private static final class Resetting implements ChannelConnector {
        final List<Seen> audiences = new CopyOnWriteArrayList<>();
        final List<ClassLoader> loaders = new CopyOnWriteArrayList<>();
        private final Reconciler then;

        Resetting(Reconciler then) {
            this.then = then;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("resetting", "Resetting", "1.0.0", Set.of("phone"), List.of(ConfigKey.secret("token", "a secret")),
                    1, 0);
        }

        @Override
        public RouteBuilder routes(ConnectorContext context) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(context.entryUri()).routeId(context.routeId()).log("sent");
                }
            };
        }

        @Override
        public java.util.Optional<Reconciler> reconciler(ConnectorContext context) {
            return java.util.Optional.of((Audience audience) -> {
                loaders.add(Thread.currentThread().getContextClassLoader());
                then.reconcile(audience);
                List<AudienceMember> members = new ArrayList<>();
                audience.forEach(members::add);
                audiences.add(new Seen(audience.purposes(), members));
            });
        }
    }

    /** A schedule that runs nothing by itself: the test runs its tasks. */
    private static final class HeldSchedule implements ReconcileSchedule {
        final List<Duration> intervals = new CopyOnWriteArrayList<>();
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();
        final List<Boolean> closed = new CopyOnWriteArrayList<>();
        volatile boolean shutDown;

        @Override
        public Scheduled every(Duration interval, Runnable task) {
            intervals.add(interval);
            tasks.add(task);
            int index = closed.size();
            closed.add(false);
            return () -> closed.set(index, true);
        }

        @Override
        public void close() {
            shutDown = true;
        }
    }
}
