package org.opencpm.application.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.opencpm.application.ApiKeyNotFoundException;
import org.opencpm.application.LastAdminKeyException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ListAlertsUseCase;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.out.AlertSink;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.domain.alert.Alert;

/**
 * Evaluates the risk rules (PIPL Art. 51, 54–56; GB/T 35273 §11: the handler watches its own
 * processing and can show it did): at each {@link #evaluate}, what the {@link RiskSignals}
 * counted since the previous one and what stands in the stores go through every rule; a finding
 * whose episode was not open is raised as an alert — kept, counted, sent to the {@link AlertSink}
 * — and an episode no longer found closes. An API key found asking for denied uses may be revoked
 * (revocation is audited as any other, its actor {@link #ACTOR}).
 *
 * <p>Evaluations run one at a time (synchronized). Open episodes are this node's and this run's:
 * after a restart a condition that still holds is raised once more, and each node raises what
 * it counted itself (the counters are per node).
 */
public final class AlertService implements ListAlertsUseCase {

    /** Who revokes a key on an alert's behalf, in the audit trail. */
    public static final Actor ACTOR = new Actor("system:alerts");

    private static final Logger LOG = Logger.getLogger(AlertService.class.getName());

    private final AlertSettings settings;
    private final RiskSignals signals;
    private final AlertStore store;
    private final AlertSink sink;
    private final RightsRequestStore rightsRequests;
    private final DeadLetters deadLetters;
    private final ConnectorRuntime connectors;
    private final ManageApiKeysUseCase apiKeys;
    private final Clock clock;
    private final List<AlertRule> rules;
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
    private volatile Set<String> open = Set.of();
    private Instant last;

    public AlertService(AlertSettings settings, RiskSignals signals, AlertStore store, AlertSink sink, RightsRequestStore rightsRequests,
                        DeadLetters deadLetters, ConnectorRuntime connectors, ManageApiKeysUseCase apiKeys, Clock clock) {
        this.settings = settings;
        this.signals = signals;
        this.store = store;
        this.sink = sink;
        this.rightsRequests = rightsRequests;
        this.deadLetters = deadLetters;
        this.connectors = connectors;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.rules = AlertRules.all(settings);
    }

    /** The names of the rules, for the metrics. */
    public List<String> ruleNames() {
        return rules.stream().map(AlertRule::name).toList();
    }

    /** Calls {@code listener} with every alert raised (a metric's counter). */
    public void onRaised(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    /** Episodes open now: conditions found at the last evaluation. */
    public int openEpisodes() {
        return open.size();
    }

    @Override
    public List<Alert> newest(int limit) {
        return store.newest(Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    /**
     * Runs every rule once over the window since the previous run; returns the alerts raised.
     * The stores are read before the counters are drained: when a store does not answer, this
     * throws and the counts wait for the next run.
     */
    public synchronized List<Alert> evaluate() {
        Instant now = clock.now();
        Backlog backlog = backlog(now);
        Duration window = last == null || !now.isAfter(last) ? settings.interval() : Duration.between(last, now);
        last = now;
        Observed observed = signals.drain(window);
        Set<String> found = new HashSet<>();
        List<Alert> raised = new ArrayList<>();
        for (AlertRule rule : rules) {
            for (AlertRule.Finding finding : rule.evaluate(observed, backlog)) {
                String episode = rule.name() + "\u0000" + finding.episode();
                found.add(episode);
                if (!open.contains(episode)) {
                    raised.add(raise(rule, finding, now));
                }
            }
        }
        open = Set.copyOf(found);
        return raised;
    }

    private Alert raise(AlertRule rule, AlertRule.Finding finding, Instant now) {
        Map<String, String> detail = new HashMap<>(finding.detail());
        finding.offendingKey().filter(key -> settings.revokeDeniedKey()).ifPresent(key -> detail.put("keyRevoked", revoke(key)));
        Alert alert = new Alert(UUID.randomUUID().toString(), rule.name(), rule.severity(), now, detail);
        store.add(alert);
        LOG.warning(() -> "risk alert " + alert.rule() + " (" + alert.severity().code() + "): " + alert.detail());
        listeners.forEach(listener -> listener.accept(alert));
        try {
            sink.deliver(alert);
        } catch (RuntimeException failed) {
            LOG.warning(() -> "risk alert " + alert.id() + " kept but not sent (" + failed.getClass().getSimpleName() + "): it is listed "
                    + "at GET /api/v1/alerts");
        }
        return alert;
    }

    /** Revokes {@code keyId}; what happened, for the alert's detail. */
    private String revoke(String keyId) {
        try {
            apiKeys.revoke(keyId, ACTOR);
            return "true";
        } catch (LastAdminKeyException last) {
            return "false: the last admin key is never revoked by a rule";
        } catch (ApiKeyNotFoundException gone) {
            return "false: no such key";
        }
    }

    private Backlog backlog(Instant now) {
        long dead = 0;
        Optional<Long> oldest = Optional.empty();
        for (ConnectorInfo connector : connectors.connectors()) {
            DeliveryCounts counts = deadLetters.counts(connector.id());
            dead += counts.dead();
            if (counts.oldestPendingCreatedAtMillis().isPresent()
                    && (oldest.isEmpty() || counts.oldestPendingCreatedAtMillis().get() < oldest.get())) {
                oldest = counts.oldestPendingCreatedAtMillis();
            }
        }
        Optional<Duration> lag = oldest.map(at -> Duration.between(Instant.ofEpochMilli(at), now)).filter(d -> !d.isNegative());
        return new Backlog(rightsRequests.countOverdue(now), dead, lag);
    }
}
