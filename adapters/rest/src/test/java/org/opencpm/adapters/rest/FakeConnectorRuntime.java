package org.opencpm.adapters.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
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
 * callbacks carry a phone number as the body and {@code X-Token: good} as their proof; each good
 * one withdraws marketing-sms for that phone.
 */
final class FakeConnectorRuntime implements ConnectorRuntime {

    static final String CONNECTOR = "crm-webhook";
    static final String PLUGIN = "crm-plugin";

    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>(Map.of(PLUGIN, true));
    volatile int reloads;

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
        if (!request.header("x-token").filter("good"::equals).isPresent()) {
            return Optional.of(new InboundOutcome(401, "application/json", "{\"error\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8),
                    List.of()));
        }
        String phone = new String(request.body(), StandardCharsets.UTF_8).trim();
        RecordConsentCommand withdraw = new RecordConsentCommand(
                new SubjectReference(List.of(Identifier.phone(phone)), Optional.empty(), Optional.empty()),
                List.of(PurposeCode.of("marketing-sms")), ConsentAction.WITHDRAW, Optional.empty(),
                new Evidence(CollectionChannel.CRM, ConsentMethod.BUTTON, Optional.empty(), Optional.empty(),
                        Optional.of("connector " + CONNECTOR), Optional.empty()),
                Optional.empty(), Optional.empty(), Optional.empty(), Actor.connector(CONNECTOR));
        return Optional.of(new InboundOutcome(202, "application/json", "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8),
                List.of(withdraw)));
    }
}
