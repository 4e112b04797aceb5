package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.InboundEventResult;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

class ConnectorHostTest {

    @TempDir
    Path dir;

    @Test
    void a_connector_whose_configuration_is_incomplete_keeps_only_the_purposes_it_asked_for_while_it_waits() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("needs-url.properties"), "enabled=true\npurposes=marketing-sms\n"); // no url
        try (ConnectorHost host = ConnectorHost.startEmbedded(RuntimeSettings.of(dir.resolve("plugins"), conf, "node-a"),
                new InMemoryDeliveryQueue(Instant::now), (subject, types) -> List.of(), Clock.systemUTC(), List.of(new NeedsUrl()))) {

            assertThat(host.connectors()).singleElement().extracting(ConnectorInfo::state).isEqualTo(ConnectorInfo.State.FAILED);
            assertThat(host.subscribersOf(change("marketing-sms"))).as("its changes wait for it").containsExactly("needs-url");
            assertThat(host.subscribersOf(change("marketing-email"))).as("a purpose it did not ask for").isEmpty();
        }
    }

    @Test
    void a_callback_is_answered_from_what_became_of_its_events_and_a_connector_that_answers_before_is_overruled() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("careless.properties"), "enabled=true\n");
        Files.writeString(conf.resolve("throwing-answer.properties"), "enabled=true\n");
        try (ConnectorHost host = ConnectorHost.startEmbedded(RuntimeSettings.of(dir.resolve("plugins"), conf, "node-a"),
                new InMemoryDeliveryQueue(Instant::now), (subject, types) -> List.of(), Clock.systemUTC(),
                List.of(new Inbound("careless", commands -> InboundResponse.json(202, "{\"accepted\":2}", commands)),
                        new Inbound("throwing-answer", commands -> InboundResponse.record(commands, outcomes -> {
                            throw new IllegalStateException("the template is missing");
                        }))))) {

            InboundOutcome careless = host.inbound(callback("careless")).orElseThrow();
            assertThat(careless.events()).hasSize(2);
            assertThat(careless.events().get(0).eventId()).contains("m-1");
            assertThat(careless.events().get(0).command().orElseThrow().idempotencyKey()).contains("connector:careless:m-1");
            assertThat(careless.events().get(1).refusal().orElseThrow().code()).as("no id").isEqualTo("event-id-required");
            List<InboundEventResult> bothTaken = List.of(InboundEventResult.recorded(0, Optional.of("m-1"), false),
                    InboundEventResult.recorded(1, Optional.of("m-2"), true));
            assertThat(new String(careless.answer().render(bothTaken).body(), StandardCharsets.UTF_8))
                    .as("its own answer, since every event was taken").isEqualTo("{\"accepted\":2}");
            List<InboundEventResult> oneRefused = List.of(InboundEventResult.recorded(0, Optional.of("m-1"), false),
                    InboundEventResult.refused(1, Optional.empty(), careless.events().get(1).refusal().get()));
            CallbackResponse overruled = careless.answer().render(oneRefused);
            assertThat(overruled.status()).isEqualTo(200);
            assertThat(new String(overruled.body(), StandardCharsets.UTF_8)).as("the standard answer, per event")
                    .contains("\"recorded\":1").contains("\"refused\":1").contains("\"code\":\"event-id-required\"");

            InboundOutcome throwing = host.inbound(callback("throwing-answer")).orElseThrow();
            CallbackResponse standard = throwing.answer().render(List.of(InboundEventResult.failed(0, Optional.of("m-1")),
                    InboundEventResult.refused(1, Optional.empty(), throwing.events().get(1).refusal().get())));
            assertThat(standard.status()).isEqualTo(503);
            assertThat(new String(standard.body(), StandardCharsets.UTF_8)).contains("\"failed\":1");
        }
    }

    private static CallbackRequest callback(String connectorId) {
        return new CallbackRequest(connectorId, "events", "POST", Map.of(), Map.of(), new byte[0]);
    }

    /** A connector whose callbacks always carry two withdrawals, the second without an id, answered as {@code respond} says. */
    static final class Inbound implements ChannelConnector {
        private final String id;
        private final Function<List<ConsentCommand>, InboundResponse> respond;

        Inbound(String id, Function<List<ConsentCommand>, InboundResponse> respond) {
            this.id = id;
            this.respond = respond;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor(id, id, "1.0.0", Set.of(), List.of(), 1, 0);
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
        public Optional<InboundHandler> inbound(ConnectorContext context) {
            List<SubjectIdentifier> phone = List.of(SubjectIdentifier.of("phone", "+8613800138000"));
            return Optional.of(request -> respond.apply(List.of(
                    ConsentCommand.withdraw(phone, List.of("marketing-sms"), "sms", "sms_reply", "TD", null).withEventId("m-1"),
                    ConsentCommand.withdraw(phone, List.of("marketing-sms"), "sms", "sms_reply", "TD", null))));
        }
    }

    private static ConsentChange change(String purpose) {
        return new ConsentChange(SubjectId.of("sub_1"), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of(purpose)),
                Optional.of(ConsentState.GRANTED), Preferences.none(), 1, Instant.now(), false, "evt-1");
    }

    /** A connector that cannot run without a url. */
    static final class NeedsUrl implements ChannelConnector {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("needs-url", "Needs a url", "1.0.0", Set.of(),
                    List.of(ConfigKey.required("url", "where to send")), 1, 0);
        }

        @Override
        public RouteBuilder routes(ConnectorContext context) {
            throw new AssertionError("never built: its configuration is incomplete");
        }
    }
}
