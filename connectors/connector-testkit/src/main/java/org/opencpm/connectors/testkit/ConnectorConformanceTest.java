package org.opencpm.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * The conformance suite every connector passes. Extend it in the plugin's tests and say how the
 * platform is reached and how to read what reached it; the suite runs the connector in OpenCPM's
 * runtime ({@link ConnectorHarness}) and checks what OpenCPM promises about every platform:
 * per-subject order, retries on 5xx, resets and 429 (after its Retry-After), the dead-letter
 * store on 4xx with replay, batching as configured (or, for a connector whose platform keeps no
 * consent, {@link #pushesChanges()}, that each change is settled without a request), no secret in
 * any log line or stored error, and (given a {@link #sampleCallback()}) inbound events that carry
 * the platform's ids.
 *
 * <p>The suite makes changes of the purposes the connector carries ({@link #purposes()}) for
 * subjects with the identifiers it reads ({@link #identifiersOf}): nothing is assumed about the
 * platform. A connector that does not start fails each test at once with the host's reason.
 */
public abstract class ConnectorConformanceTest {

    /** One change as the platform received it, and which request (0, 1, …) carried it. */
    public record Received(String subjectId, long version, String state, int request) {
    }

    /** A new instance of the connector under test. */
    protected abstract ChannelConnector connector();

    /** Its configuration besides {@code enabled} and {@code baseUrl} ({@code ${baseUrl}} is replaced). */
    protected abstract Map<String, String> config();

    /** The secret values of that configuration: none may appear in a log line or a stored error. */
    protected abstract Set<String> secrets();

    /** The request a delivery makes to the platform (the suite decides the answers). */
    protected abstract MappingBuilder deliveryRequest();

    /** Stubs whatever else the platform must answer (a token endpoint…). None by default. */
    protected void stubSupport(WireMockServer platform) {
    }

    /** The changes in {@code request}, one of the delivery requests the platform received. */
    protected abstract List<Received> changesIn(LoggedRequest request, int index);

    /**
     * Whether the connector's route sends consent changes to the platform (the default). A send
     * gateway whose platform keeps no consent (an SMS gateway: OpenCPM just stops giving it send
     * permits) answers false: its route settles each change without a request, so the suite checks
     * that instead of order, retries, dead letters and batching, which then do not apply;
     * the platform gets no request at all for a change.
     */
    protected boolean pushesChanges() {
        return true;
    }

    /** Skips a check of what reaches the platform on a change, for a connector that sends none. */
    private void assumePushes() {
        Assumptions.assumeTrue(pushesChanges(), "the connector sends no consent change to the platform");
    }

    /** Whether the connector batches (then the suite checks that {@code batch.size} is honoured). */
    protected boolean batches() {
        return false;
    }

    /**
     * The purpose codes the suite's changes carry (at least one): purposes the connector sends to
     * its platform. With several, the suite spreads its subjects over them.
     */
    protected abstract List<String> purposes();

    /** The identifiers the suite gives {@code subjectId}: of the types the connector reads, with values the platform takes. */
    protected abstract SubjectIdentifier[] identifiersOf(String subjectId);

    /** The purpose the suite's {@code n}th subject's changes carry. */
    protected final String purpose(int n) {
        List<String> purposes = purposes();
        if (purposes.isEmpty()) {
            throw new IllegalStateException("purposes() names no purpose for the suite's changes");
        }
        return purposes.get(n % purposes.size());
    }

    /**
     * A callback the platform would send with at least one valid consent event (an identifier
     * type the connector reads, a purpose), authenticated as the connector checks it; empty (the
     * default) when the connector takes no callbacks. The suite checks that every event carries the
     * platform's id — the same id each time the callback comes — and that the answer is rendered
     * from what became of the events.
     */
    protected Optional<InboundRequest> sampleCallback() {
        return Optional.empty();
    }

    protected ConnectorHarness harness(Map<String, String> extra) {
        return harness(extra, Clock.systemUTC());
    }

    private ConnectorHarness harness(Map<String, String> extra, Clock clock) {
        ConnectorHarness.Builder builder = ConnectorHarness.of(connector()).clock(clock);
        config().forEach(builder::config);
        extra.forEach(builder::config);
        ConnectorHarness harness = builder.start();
        stubSupport(harness.platform());
        return harness;
    }

    protected List<Received> received(ConnectorHarness harness) {
        List<LoggedRequest> requests = new ArrayList<>(harness.platform().findAll(requestPattern()));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            received.addAll(changesIn(requests.get(i), i));
        }
        return received;
    }

    private RequestPatternBuilder requestPattern() {
        return RequestPatternBuilder.like(deliveryRequest().build().getRequest());
    }

    private void respond(ConnectorHarness harness, ResponseDefinitionBuilder... answers) {
        String scenario = "answers";
        for (int i = 0; i < answers.length; i++) {
            harness.platform().stubFor(deliveryRequest().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i)
                    .willReturn(answers[i])
                    .willSetStateTo(i == answers.length - 1 ? "answer-" + i : "answer-" + (i + 1)));
        }
    }

    private void identify(ConnectorHarness harness, String... subjects) {
        for (String subject : subjects) {
            harness.identify(subject, identifiersOf(subject));
        }
    }

    @Test
    @DisplayName("The connector (the classes of its package where it was loaded from) uses nothing of OpenCPM but the SPI, so it keeps loading as the core changes")
    void the_connector_uses_only_the_spi() {
        Class<?> type = connector().getClass();
        String own = type.getPackageName();
        JavaClasses classes = new ClassFileImporter()
                .importLocations(Set.of(Location.of(type.getProtectionDomain().getCodeSource().getLocation())));
        ArchRuleDefinition.noClasses().that().resideInAPackage(own + "..").should().dependOnClassesThat(
                        JavaClass.Predicates.resideInAPackage("org.opencpm..")
                                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("org.opencpm.connectors.api..",
                                        own + ".."))))
                .as("the connector depends on nothing of OpenCPM but org.opencpm.connectors.api")
                .check(classes);
    }

    @Test
    @DisplayName("A subject's changes reach the platform in version order, each once, the last state last")
    void changes_of_one_subject_arrive_in_version_order() {
        assumePushes();
        try (ConnectorHarness harness = harness(Map.of())) {
            harness.platform().stubFor(deliveryRequest().willReturn(ok()));
            identify(harness, "sub_a", "sub_b", "sub_c");
            List<String> subjects = List.of("sub_a", "sub_b", "sub_c");
            for (int version = 1; version <= 5; version++) {
                for (int n = 0; n < subjects.size(); n++) {
                    if (version % 2 == 1) {
                        harness.grant(subjects.get(n), purpose(n), version);
                    } else {
                        harness.withdraw(subjects.get(n), purpose(n), version);
                    }
                }
            }
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            Map<String, List<Received>> bySubject = received(harness).stream()
                    .collect(Collectors.groupingBy(Received::subjectId, LinkedHashMap::new, Collectors.toList()));
            assertThat(bySubject).containsOnlyKeys("sub_a", "sub_b", "sub_c");
            bySubject.values().forEach(changes -> {
                assertThat(changes).extracting(Received::version).containsExactly(1L, 2L, 3L, 4L, 5L);
                assertThat(changes.get(4).state()).isEqualTo("granted");
            });
        }
    }

    @Test
    @DisplayName("A 5xx is retried until the platform takes the change")
    void a_5xx_is_retried_until_the_platform_takes_it() {
        assumePushes();
        try (ConnectorHarness harness = harness(Map.of())) {
            respond(harness, aResponse().withStatus(503), aResponse().withStatus(500), ok());
            identify(harness, "sub_r");
            harness.grant("sub_r", purpose(0), 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(3);
            });
            assertThat(harness.platform().findAll(requestPattern())).hasSize(3);
        }
    }

    @Test
    @DisplayName("A reset connection is retried")
    void a_reset_connection_is_retried() {
        assumePushes();
        try (ConnectorHarness harness = harness(Map.of())) {
            respond(harness, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok());
            identify(harness, "sub_x");
            harness.grant("sub_x", purpose(0), 1);
            harness.awaitSettled();
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
        }
    }

    @Test
    @DisplayName("A 429 is retried no sooner than its Retry-After")
    void a_429_is_retried_after_its_retry_after() {
        assumePushes();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        SteppingClock clock = new SteppingClock(start);
        try (ConnectorHarness harness = harness(Map.of(), clock)) {
            respond(harness, aResponse().withStatus(429).withHeader("Retry-After", "1"), ok());
            identify(harness, "sub_t");
            HarnessDelivery delivery = harness.grant("sub_t", purpose(0), 1);
            await("the 429 recorded").atMost(Duration.ofSeconds(30)).until(() -> harness.deliveries().stream()
                    .anyMatch(d -> d.status() == HarnessDelivery.Status.PENDING && d.attempts() == 1));

            // The clock stood still since the 429: the retry is due exactly Retry-After later (not after the kit's 50 ms back-off).
            assertThat(harness.dueAt(delivery.id())).contains(start.plusSeconds(1));
            assertThat(harness.platform().findAll(requestPattern())).as("sent before it was due").hasSize(1);
            clock.advance(Duration.ofSeconds(1));
            harness.awaitSettled();
            assertThat(harness.platform().findAll(requestPattern())).hasSize(2);
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
        }
    }

    @Test
    @DisplayName("A 4xx goes to the dead-letter store at once, and a replay delivers it once the platform is fixed")
    void a_4xx_goes_to_the_dead_letters_and_is_replayed() {
        assumePushes();
        try (ConnectorHarness harness = harness(Map.of())) {
            harness.platform().stubFor(deliveryRequest().willReturn(aResponse().withStatus(400)));
            identify(harness, "sub_d");
            harness.grant("sub_d", purpose(0), 1);
            harness.awaitSettled();
            assertThat(harness.dead()).singleElement().satisfies(d -> {
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastError()).hasValueSatisfying(error -> assertThat(error).contains("400"));
            });

            harness.platform().resetAll();
            stubSupport(harness.platform());
            harness.platform().stubFor(deliveryRequest().willReturn(ok()));
            assertThat(harness.replayDead()).isEqualTo(1);
            harness.awaitSettled();
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            assertThat(received(harness)).extracting(Received::subjectId).containsExactly("sub_d");
        }
    }

    @Test
    @DisplayName("No secret of the configuration reaches a log line or a stored error")
    void no_secret_reaches_a_log_or_an_error() {
        try (ConnectorHarness harness = harness(Map.of("retry.maxAttempts", "3"))) {
            harness.platform().stubFor(deliveryRequest().willReturn(aResponse().withStatus(500).withBody("server says no")));
            identify(harness, "sub_s");
            harness.grant("sub_s", purpose(0), 1);
            harness.awaitSettled();
            assertThat(harness.dead()).hasSize(pushesChanges() ? 1 : 0);
            sampleCallback().ifPresent(harness::callback);
            assertThat(secrets()).isNotEmpty();
            assertThat(harness.leaks(secrets())).as("a secret in a log line or stored error").isFalse();
        }
    }

    @Test
    @DisplayName("A connector that sends no consent change to its platform settles every change at once, without a request")
    void a_connector_that_pushes_nothing_settles_every_change() {
        Assumptions.assumeFalse(pushesChanges(), "the connector sends consent changes to its platform");
        try (ConnectorHarness harness = harness(Map.of())) {
            harness.platform().stubFor(deliveryRequest().willReturn(ok()));
            identify(harness, "sub_n1", "sub_n2");
            harness.grant("sub_n1", purpose(0), 1);
            harness.withdraw("sub_n1", purpose(0), 2);
            harness.withdraw("sub_n2", purpose(1), 1);
            harness.awaitSettled();
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            assertThat(harness.deliveries()).extracting(HarnessDelivery::attempts).containsOnly(1);
            assertThat(harness.platform().getAllServeEvents()).as("requests to the platform for a consent change").isEmpty();
        }
    }

    @Test
    @DisplayName("Every inbound event carries the platform's id, the same each time the callback comes, and the answer follows what was recorded")
    void inbound_events_carry_the_platforms_ids() {
        Optional<InboundRequest> sample = sampleCallback();
        Assumptions.assumeTrue(sample.isPresent(), "the connector takes no callbacks");
        try (ConnectorHarness harness = harness(Map.of())) {
            CallbackResult first = harness.callback(sample.get()).orElseThrow(() -> new AssertionError("the connector took no callback"));
            CallbackResult again = harness.callback(sample.get()).orElseThrow();
            assertThat(first.events()).as("the events of the sample callback").isNotEmpty().allSatisfy(event -> {
                assertThat(event.eventId()).as("the platform's id of the event").isPresent();
                assertThat(event.refusalCode()).as("why the host would refuse it").isEmpty();
            });
            assertThat(again.events()).extracting(CallbackEvent::eventId).as("a callback sent again carries the same ids: never make them up")
                    .isEqualTo(first.events().stream().map(CallbackEvent::eventId).toList());

            List<EventOutcome> recorded = new ArrayList<>();
            List<EventOutcome> refused = new ArrayList<>();
            for (CallbackEvent event : first.events()) {
                recorded.add(new EventOutcome(event.index(), event.eventId(), EventOutcome.Kind.RECORDED, Optional.empty(), Optional.empty()));
                refused.add(new EventOutcome(event.index(), event.eventId(), EventOutcome.Kind.REFUSED, Optional.of("unknown-purpose"),
                        Optional.of("purpose is not defined")));
            }
            assertThat(first.answer(recorded).status()).as("the answer when every event was recorded").isBetween(200, 299);
            assertThat(first.answer(refused).body()).as("the answer when every event was refused")
                    .isNotEqualTo(first.answer(recorded).body());
        }
    }

    @Test
    @DisplayName("Batches carry no more changes than batch.size, and never two of one subject")
    void batches_are_as_large_as_configured() {
        Assumptions.assumeTrue(pushesChanges() && batches(), "the connector does not batch");
        try (ConnectorHarness harness = harness(Map.of(ConnectorApi.BATCH_SIZE, "10", ConnectorApi.BATCH_WINDOW_MILLIS, "300"))) {
            harness.platform().stubFor(deliveryRequest().willReturn(ok()));
            for (int i = 0; i < 25; i++) {
                identify(harness, "sub_" + i);
                harness.grant("sub_" + i, purpose(i), 1);
            }
            harness.awaitSettled();
            List<Received> received = received(harness);
            assertThat(received).hasSize(25);
            Map<Integer, List<Received>> byRequest = received.stream().collect(Collectors.groupingBy(Received::request));
            assertThat(byRequest.values()).allSatisfy(batch -> {
                assertThat(batch.size()).isLessThanOrEqualTo(10);
                assertThat(batch.stream().map(Received::subjectId).distinct().count()).isEqualTo(batch.size());
            });
            assertThat(byRequest).hasSizeLessThanOrEqualTo(5);
        }
    }
}
