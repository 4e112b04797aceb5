package org.opencpm.application.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownConnectorException;
import org.opencpm.application.UnknownPluginException;
import org.opencpm.application.audit.OperatorAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.in.ConnectorStatus;
import org.opencpm.application.port.in.ManageConnectorsUseCase;
import org.opencpm.application.port.in.ReceiveCallbackUseCase;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.InboundEvent;
import org.opencpm.application.port.out.InboundEventResult;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.audit.AuditDraft;

/**
 * The connectors' side of the application: what the runtime reports, what the delivery queue
 * holds, and callbacks turned into consent events recorded through {@link RecordConsentUseCase}
 * like any other, so every rule applies to them too. What an operator does here (replays, plugin
 * reloads, enabling and disabling) is audited once done, with the operator's key as actor; a
 * refused request (unknown connector or plugin) is not.
 *
 * <p>A callback is answered only once each of its events was tried, from what became of it:
 * recorded, a duplicate (its id was recorded before, by this connector, at any time: the
 * idempotency store keeps it in the transaction of the event and for ever), refused with the rule
 * it broke, or failed. Whatever the connector renders, the status holds to that: 503 when an event
 * failed (the platform sends it again), 422 when none was recorded (now or before).
 */
public final class ConnectorsService implements ManageConnectorsUseCase, ReceiveCallbackUseCase {

    private static final Logger LOG = Logger.getLogger(ConnectorsService.class.getName());

    private final ConnectorRuntime runtime;
    private final DeadLetters deadLetters;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final RecordConsentUseCase consents;
    private final Retrying retrying;
    private final InboundTally inbound = new InboundTally();

    public ConnectorsService(Ports ports, RecordConsentUseCase consents) {
        this.runtime = ports.connectorRuntime();
        this.deadLetters = ports.deadLetters();
        this.auditTrail = ports.audit();
        this.clock = ports.clock();
        this.consents = consents;
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public List<ConnectorStatus> connectors() {
        return runtime.connectors().stream()
                .map(info -> new ConnectorStatus(info, deadLetters.counts(info.id()), inbound.of(info.id())))
                .toList();
    }

    @Override
    public List<Delivery> deliveries(String connectorId, DeliveryStatus status, int limit) {
        requireConnector(connectorId);
        return deadLetters.list(connectorId, status, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public DeadLetters.ReplayResult replay(String connectorId, List<Long> ids, Actor actor) {
        requireConnector(connectorId);
        DeadLetters.ReplayResult result = deadLetters.replay(connectorId, ids, clock.now());
        LOG.info(() -> actor.id() + " replayed " + result.replayed() + " dead deliveries of connector " + connectorId + " ("
                + result.superseded() + " more were superseded by newer changes)");
        audit(OperatorAuditRecords.deadLettersReplayed(connectorId, ids, result, actor, clock.now()));
        return result;
    }

    @Override
    public List<PluginInfo> plugins() {
        return runtime.plugins();
    }

    @Override
    public PluginReload reloadPlugins(Actor actor) {
        PluginReload reload = runtime.reloadPlugins();
        LOG.info(() -> actor.id() + " reloaded plugins: added " + reload.added() + ", started " + reload.started()
                + ", failed " + reload.failed());
        audit(OperatorAuditRecords.pluginsReloaded(reload, actor, clock.now()));
        return reload;
    }

    @Override
    public PluginInfo setPluginEnabled(String pluginId, boolean enabled, Actor actor) {
        PluginInfo plugin = runtime.setPluginEnabled(pluginId, enabled)
                .orElseThrow(() -> new UnknownPluginException(pluginId));
        LOG.info(() -> actor.id() + (enabled ? " enabled" : " disabled") + " plugin " + pluginId);
        audit(OperatorAuditRecords.pluginSwitched(pluginId, enabled, actor, clock.now()));
        return plugin;
    }

    @Override
    public CallbackResponse receive(CallbackRequest request) {
        InboundOutcome outcome = runtime.inbound(request)
                .orElseThrow(() -> new UnknownConnectorException(request.connectorId()));
        List<InboundEventResult> results = new ArrayList<>(outcome.events().size());
        for (int i = 0; i < outcome.events().size(); i++) {
            results.add(record(request.connectorId(), i, outcome.events().get(i)));
        }
        inbound.add(request.connectorId(), results);
        logRefusals(request.connectorId(), results);
        CallbackResponse answer = outcome.answer().render(results);
        return results.isEmpty() ? answer : new CallbackResponse(heldStatus(answer.status(), results), answer.contentType(), answer.body());
    }

    private InboundEventResult record(String connectorId, int index, InboundEvent event) {
        Optional<String> id = event.eventId();
        if (event.refusal().isPresent()) {
            return InboundEventResult.refused(index, id, event.refusal().get());
        }
        try {
            RecordConsentResult result = consents.record(event.command().orElseThrow());
            return InboundEventResult.recorded(index, id, result.replayed());
        } catch (DomainException refusal) {
            return InboundEventResult.refused(index, id, refusal);
        } catch (RuntimeException failure) {
            // The class only: a database's message may quote the values it was given.
            LOG.log(Level.WARNING, "an inbound event of connector " + connectorId + " could not be recorded: "
                    + failure.getClass().getName());
            return InboundEventResult.failed(index, id);
        }
    }

    /**
     * One line per callback, not per event (a signed callback may carry thousands): how many were
     * refused, and for which rules — codes only, never values.
     */
    private static void logRefusals(String connectorId, List<InboundEventResult> results) {
        Map<String, Long> codes = results.stream().filter(r -> r.kind() == InboundEventResult.Kind.REFUSED)
                .collect(Collectors.groupingBy(r -> r.code().orElse("refused"), TreeMap::new, Collectors.counting()));
        if (!codes.isEmpty()) {
            LOG.info(() -> "connector " + connectorId + ": " + codes.values().stream().mapToLong(Long::longValue).sum() + " of "
                    + results.size() + " inbound events refused " + codes);
        }
    }

    /**
     * The status the platform gets, held to what happened whatever the connector rendered: a 5xx
     * when an event failed (so that it sends the callback again; what was recorded then comes back
     * as duplicates), a 4xx when no event was recorded, now or before.
     */
    private static int heldStatus(int rendered, List<InboundEventResult> results) {
        if (results.stream().anyMatch(r -> r.kind() == InboundEventResult.Kind.FAILED)) {
            return rendered >= 500 ? rendered : 503;
        }
        if (results.stream().noneMatch(InboundEventResult::taken)) {
            return rendered >= 400 ? rendered : 422;
        }
        return rendered;
    }

    /** Appends an operator's action to the audit chain, in a transaction of its own: the action itself is done. */
    private void audit(AuditDraft event) {
        retrying.inTransaction(() -> {
            auditTrail.append(event);
            return null;
        });
    }

    private void requireConnector(String connectorId) {
        boolean known = runtime.connectors().stream().map(ConnectorInfo::id).anyMatch(connectorId::equals)
                || !deadLetters.list(connectorId, DeliveryStatus.DEAD, 1).isEmpty();
        if (!known) {
            throw new UnknownConnectorException(connectorId);
        }
    }
}
