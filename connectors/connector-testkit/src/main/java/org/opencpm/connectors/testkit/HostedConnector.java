package org.opencpm.connectors.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.InboundEvent;
import org.opencpm.application.port.out.InboundEventResult;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.runtime.ConnectorHost;
import org.opencpm.connectors.runtime.RedeliveryPolicy;
import org.opencpm.connectors.runtime.RuntimeSettings;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.connectors.api.ContactChannel;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;

/**
 * The one place where the kit meets OpenCPM's runtime and core types: it starts the connector in
 * an embedded {@link ConnectorHost} over the runtime's in-memory queue and translates between the host's
 * types and the kit's ({@link HarnessDelivery}, {@link CallbackResult}), so that nothing public in
 * the kit names a type a partner's build does not compile against.
 */
final class HostedConnector implements AutoCloseable {

    private final InMemoryDeliveryQueue queue;
    private final Map<String, List<SubjectIdentifier>> identifiers = new ConcurrentHashMap<>();
    private final HarnessConsents consents = new HarnessConsents();
    private final Clock clock;
    private final String connectorId;
    private final ConnectorHost host;

    /** Starts the connector; throws, with the host's reason, when it does not come up running. */
    HostedConnector(ChannelConnector connector, Path configDir, Retries retries, Clock clock) {
        this.connectorId = connector.descriptor().id();
        this.clock = clock;
        this.queue = new InMemoryDeliveryQueue(clock::instant);
        RuntimeSettings settings = new RuntimeSettings(configDir.resolve("no-plugins"), configDir, "harness", Duration.ofSeconds(10),
                Duration.ofMillis(10), new RedeliveryPolicy(retries.maxAttempts(), retries.base(), retries.max(), 0.1),
                RuntimeSettings.DEFAULT_RECEIPT_RETENTION);
        this.host = ConnectorHost.startEmbedded(settings, queue,
                (subject, types) -> identifiers.getOrDefault(subject, List.of()).stream().filter(i -> types.contains(i.type())).toList(),
                clock, List.of(connector));
        host.reconcileWith(consents);
        Optional<ConnectorInfo> info = host.connectors().stream().filter(c -> c.id().equals(connectorId)).findFirst();
        if (info.map(ConnectorInfo::state).orElse(null) != ConnectorInfo.State.RUNNING) {
            host.close();
            throw new IllegalStateException("connector " + connectorId + " did not start: "
                    + info.map(c -> c.state().name().toLowerCase(Locale.ROOT) + c.problem().map(p -> ": " + p).orElse(""))
                            .orElse("the host does not know it"));
        }
    }

    /** How the host retries in the harness. */
    record Retries(int maxAttempts, Duration base, Duration max) {
        static final Retries FAST = new Retries(5, Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    void identify(String subjectId, List<SubjectIdentifier> ids) {
        identifiers.put(subjectId, List.copyOf(ids));
    }

    HarnessDelivery enqueue(String subjectId, String purpose, boolean granted, long version) {
        consents.changed(subjectId, purpose, granted, version);
        ConsentState state = granted ? ConsentState.GRANTED : ConsentState.WITHDRAWN;
        ConsentChange change = new ConsentChange(SubjectId.of(subjectId), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of(purpose)),
                Optional.of(state), Preferences.none(), version, clock.instant(), !granted, "evt-" + subjectId + "-" + version);
        Delivery delivery = queue.offer(change, connectorId);
        host.wakeUp(connectorId);
        return view(delivery);
    }

    HarnessDelivery enqueueErasure(String subjectId, long version) {
        ConsentChange change = new ConsentChange(SubjectId.of(subjectId), ConsentChange.Kind.ERASURE, Optional.empty(), Optional.empty(),
                Preferences.none(), version, clock.instant(), true, "evt-" + subjectId + "-" + version);
        Delivery delivery = queue.offer(change, connectorId);
        host.wakeUp(connectorId);
        return view(delivery);
    }

    /** When delivery {@code id} is (or was last) due, on the host's clock. */
    Optional<Instant> dueAt(long id) {
        return queue.all().stream().filter(d -> d.id() == id).map(Delivery::nextAttemptAt).findFirst();
    }

    List<HarnessDelivery> deliveries() {
        return queue.all().stream().map(HostedConnector::view).toList();
    }

    int replayDead() {
        int replayed = queue.replay(connectorId, List.of(), clock.instant()).replayed();
        host.wakeUp(connectorId);
        return replayed;
    }

    Optional<CallbackResult> callback(InboundRequest request) {
        return host.inbound(new CallbackRequest(connectorId, request.path(), request.method(), request.query(), request.headers(),
                request.body())).map(HostedConnector::view);
    }

    /**
     * The connector's sender as the host runs it (its class loader, reasons scrubbed, a sender that
     * throws read as unavailable), in the SPI's terms. No permit is asked: the harness stands for a
     * host that was granted one.
     */
    Optional<MessageSender> sender() {
        return host.gateway(connectorId).map(gateway -> new MessageSender() {
            @Override
            public ContactChannel channel() {
                return Arrays.stream(ContactChannel.values()).filter(c -> c.code().equals(gateway.channel().code())).findFirst()
                        .orElseThrow();
            }

            @Override
            public IdentifierType recipientType() {
                return Arrays.stream(IdentifierType.values()).filter(t -> t.code().equals(gateway.recipientType().code())).findFirst()
                        .orElseThrow();
            }

            @Override
            public SendReceipt send(OutgoingMessage message) {
                SubjectIdentifier to = message.recipient();
                MessageGateway.Message permitted = new MessageGateway.Message(message.permitId(),
                        Identifier.of(org.opencpm.domain.subject.IdentifierType.parse(to.type(), "recipient.type"), to.value(),
                                to.scope().orElse(null), "recipient"),
                        PurposeCode.of(message.purpose()), message.topic(), message.template(), message.parameters());
                return switch (gateway.send(permitted)) {
                    case MessageGateway.Accepted accepted -> SendReceipt.accepted(accepted.messageId());
                    case MessageGateway.Refused refused -> SendReceipt.refused(refused.platformCode(), refused.reason());
                    case MessageGateway.Unavailable unavailable -> SendReceipt.unavailable(unavailable.reason(), unavailable.retryAfter());
                };
            }
        });
    }

    /** Runs the connector's reconciler now against the harness's consents; answers how many people the audience held. */
    long reconcile() {
        return host.reconcile(connectorId);
    }

    @Override
    public void close() {
        host.close();
    }

    private static HarnessDelivery view(Delivery d) {
        ConsentChange change = d.change();
        HarnessDelivery.Status status = switch (d.status()) {
            case PENDING -> HarnessDelivery.Status.PENDING;
            case INFLIGHT -> HarnessDelivery.Status.IN_FLIGHT;
            case DELIVERED -> HarnessDelivery.Status.DELIVERED;
            case DEAD -> HarnessDelivery.Status.DEAD;
        };
        return new HarnessDelivery(d.id(), change.subject().value(), change.purpose().map(PurposeCode::value).orElse(""),
                change.state().map(s -> s == ConsentState.GRANTED).orElse(false), change.version(), status, d.attempts(), d.lastError());
    }

    private static CallbackResult view(InboundOutcome outcome) {
        List<InboundEvent> events = outcome.events();
        List<CallbackEvent> views = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            InboundEvent event = events.get(i);
            views.add(new CallbackEvent(i, event.eventId(), event.command().flatMap(c -> c.idempotencyKey()),
                    event.refusal().map(r -> r.code()), event.refusal().map(Throwable::getMessage)));
        }
        return new CallbackResult(views, outcomes -> {
            CallbackResponse answer = outcome.answer().render(outcomes.stream().map(HostedConnector::result).toList());
            return new InboundResponse(answer.status(), answer.contentType(), answer.body(), List.of());
        });
    }

    private static InboundEventResult result(EventOutcome outcome) {
        return new InboundEventResult(outcome.index(), outcome.eventId(), InboundEventResult.Kind.valueOf(outcome.kind().name()),
                outcome.code(), outcome.reason());
    }
}
