package org.opencpm.application.connector;

import java.util.List;
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
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;
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
 */
public final class ConnectorsService implements ManageConnectorsUseCase, ReceiveCallbackUseCase {

    private static final Logger LOG = Logger.getLogger(ConnectorsService.class.getName());

    private final Ports ports;
    private final RecordConsentUseCase consents;
    private final Retrying retrying;

    public ConnectorsService(Ports ports, RecordConsentUseCase consents) {
        this.ports = ports;
        this.consents = consents;
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public List<ConnectorStatus> connectors() {
        return ports.connectorRuntime().connectors().stream()
                .map(info -> new ConnectorStatus(info, ports.deliveries().counts(info.id())))
                .toList();
    }

    @Override
    public List<Delivery> deliveries(String connectorId, DeliveryStatus status, int limit) {
        requireConnector(connectorId);
        return ports.deliveries().list(connectorId, status, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public DeliveryQueue.ReplayResult replay(String connectorId, List<Long> ids, Actor actor) {
        requireConnector(connectorId);
        DeliveryQueue.ReplayResult result = ports.deliveries().replay(connectorId, ids, ports.clock().now());
        LOG.info(() -> actor.id() + " replayed " + result.replayed() + " dead deliveries of connector " + connectorId + " ("
                + result.superseded() + " more were superseded by newer changes)");
        audit(OperatorAuditRecords.deadLettersReplayed(connectorId, ids, result, actor, ports.clock().now()));
        return result;
    }

    @Override
    public List<PluginInfo> plugins() {
        return ports.connectorRuntime().plugins();
    }

    @Override
    public PluginReload reloadPlugins(Actor actor) {
        PluginReload reload = ports.connectorRuntime().reloadPlugins();
        LOG.info(() -> actor.id() + " reloaded plugins: added " + reload.added() + ", started " + reload.started()
                + ", failed " + reload.failed());
        audit(OperatorAuditRecords.pluginsReloaded(reload, actor, ports.clock().now()));
        return reload;
    }

    @Override
    public PluginInfo setPluginEnabled(String pluginId, boolean enabled, Actor actor) {
        PluginInfo plugin = ports.connectorRuntime().setPluginEnabled(pluginId, enabled)
                .orElseThrow(() -> new UnknownPluginException(pluginId));
        LOG.info(() -> actor.id() + (enabled ? " enabled" : " disabled") + " plugin " + pluginId);
        audit(OperatorAuditRecords.pluginSwitched(pluginId, enabled, actor, ports.clock().now()));
        return plugin;
    }

    @Override
    public CallbackResponse receive(CallbackRequest request) {
        InboundOutcome outcome = ports.connectorRuntime().inbound(request)
                .orElseThrow(() -> new UnknownConnectorException(request.connectorId()));
        for (RecordConsentCommand command : outcome.commands()) {
            try {
                consents.record(command);
            } catch (DomainException refusal) {
                LOG.info(() -> "a consent event from connector " + request.connectorId() + " was refused: " + refusal.code());
            }
        }
        return new CallbackResponse(outcome.status(), outcome.contentType(), outcome.body());
    }

    /** Appends an operator's action to the audit chain, in a transaction of its own: the action itself is done. */
    private void audit(AuditDraft event) {
        retrying.inTransaction(() -> {
            ports.audit().append(event);
            return null;
        });
    }

    private void requireConnector(String connectorId) {
        boolean known = ports.connectorRuntime().connectors().stream().map(ConnectorInfo::id).anyMatch(connectorId::equals)
                || !ports.deliveries().list(connectorId, DeliveryStatus.DEAD, 1).isEmpty();
        if (!known) {
            throw new UnknownConnectorException(connectorId);
        }
    }
}
