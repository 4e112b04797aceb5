package org.opencpm.adapters.rest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.opencpm.application.EventIdRequiredException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.InboundEvent;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;

/**
 * A runtime with one plugin, {@code crm-plugin}, bringing one connector, {@code crm-webhook}, whose
 * callbacks carry {@code X-Token: good} and an {@code X-Timestamp} (unix seconds, within five
 * minutes of the clock) as their proof, and one event a line: {@code <event id> <phone> [purpose]},
 * each a withdrawal (of marketing-sms unless the line says otherwise); an id of {@code -} is
 * none. It answers {@code {"outcomes": ["recorded", "refused:<code>", …]}}, always with 202.
 */
final class FakeConnectorRuntime implements ConnectorRuntime {

    static final String CONNECTOR = "crm-webhook";
    static final String PLUGIN = "crm-plugin";

    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>(Map.of(PLUGIN, true));
    volatile int reloads;

    FakeConnectorRuntime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<ConnectorInfo> connectors() {
        boolean on = enabled.get(PLUGIN);
        return List.of(new ConnectorInfo(CONNECTOR, "CRM webhook", "1.0.0", PLUGIN,
                on ? ConnectorInfo.State.RUNNING : ConnectorInfo.State.PAUSED, Optional.empty()));
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.of(plugin());
    }

    private PluginInfo plugin() {
        boolean on = enabled.get(PLUGIN);
        return new PluginInfo(PLUGIN, "1.0.0", on ? PluginInfo.State.STARTED : PluginInfo.State.DISABLED, List.of(CONNECTOR),
                Optional.empty());
    }

    @Override
    public PluginReload reloadPlugins() {
        reloads++;
        return new PluginReload(List.of(), List.of(), List.of());
    }

    @Override
    public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean on) {
        if (!enabled.containsKey(pluginId)) {
            return Optional.empty();
        }
        enabled.put(pluginId, on);
        return Optional.of(plugin());
    }

    @Override
    public Optional<InboundOutcome> inbound(CallbackRequest request) {
        if (!CONNECTOR.equals(request.connectorId()) || !enabled.get(PLUGIN)) {
            return Optional.empty();
        }
        boolean fresh = request.header("x-timestamp").map(Long::parseLong)
                .map(at -> Math.abs(clock.now().getEpochSecond() - at) <= SIGNATURE_WINDOW.toSeconds()).orElse(false);
        if (!request.header("x-token").filter("good"::equals).isPresent() || !fresh) {
            return Optional.of(InboundOutcome.answered(401, "application/json", "{\"error\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8)));
        }
        List<InboundEvent> events = new ArrayList<>();
        for (String line : new String(request.body(), StandardCharsets.UTF_8).strip().split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields[0].equals("-")) {
                events.add(InboundEvent.refused(Optional.empty(), new EventIdRequiredException()));
                continue;
            }
            RecordConsentCommand withdraw = new RecordConsentCommand(
                    new SubjectReference(List.of(Identifier.phone(fields[1])), Optional.empty(), Optional.empty()),
                    List.of(PurposeCode.of(fields.length > 2 ? fields[2] : "marketing-sms")), ConsentAction.WITHDRAW, Optional.empty(),
                    new Evidence(CollectionChannel.CRM, ConsentMethod.BUTTON, Optional.empty(), Optional.empty(),
                            Optional.of("connector " + CONNECTOR), Optional.empty()),
                    Optional.empty(), Optional.empty(), Optional.of("connector:" + CONNECTOR + ":" + fields[0]), Actor.connector(CONNECTOR));
            events.add(InboundEvent.toRecord(fields[0], withdraw));
        }
        // Like a careless plugin, it would say 202 whatever happened: the host holds the status to the outcomes.
        return Optional.of(new InboundOutcome(events, results -> new CallbackResponse(202, "application/json",
                ("{\"outcomes\":[" + results.stream().map(r -> "\"" + r.kind().name().toLowerCase(Locale.ROOT)
                        + r.code().map(code -> ":" + code).orElse("") + "\"").collect(Collectors.joining(",")) + "]}")
                        .getBytes(StandardCharsets.UTF_8))));
    }
}
