package org.opencpm.application.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;

/**
 * The audit events of what operators do to the platform itself (keys, plugins, dead letters), in
 * the same chain as consents, so that an auditor sees who could act and who changed what the
 * connectors do (PIPL Art. 51: security measures and access management; Art. 54: compliance
 * audits). The actor is the API key's id; a key itself never appears.
 */
public final class OperatorAuditRecords {

    /** Up to this many replayed delivery ids are listed in the event; more are counted. */
    static final int MAX_LISTED_IDS = 100;

    private OperatorAuditRecords() {
    }

    public static AuditDraft apiKeyCreated(String keyId, String name, Set<Role> roles, Optional<Instant> expiresAt, Actor actor,
                                           Instant at) {
        return apiKeyCreated(keyId, name, roles, expiresAt, Set.of(), actor, at);
    }

    /** A key made; a collector key's origins are named (absent for other keys, so their details hash as before). */
    public static AuditDraft apiKeyCreated(String keyId, String name, Set<Role> roles, Optional<Instant> expiresAt,
                                           Set<WebOrigin> origins, Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("keyId", keyId);
        details.put("name", name);
        details.put("roles", roles.stream().map(Role::code).sorted().collect(Collectors.joining(",")));
        expiresAt.ifPresent(expiry -> details.put("expiresAt", expiry.toString()));
        if (!origins.isEmpty()) {
            details.put("origins", origins.stream().map(WebOrigin::value).sorted().collect(Collectors.joining(" ")));
        }
        return operator(AuditEventType.API_KEY_CREATED, actor, at, details);
    }

    public static AuditDraft apiKeyRevoked(String keyId, String name, Actor actor, Instant at) {
        return operator(AuditEventType.API_KEY_REVOKED, actor, at, Map.of("keyId", keyId, "name", name));
    }

    public static AuditDraft pluginsReloaded(PluginReload reload, Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("added", joined(reload.added()));
        details.put("started", joined(reload.started()));
        details.put("failed", joined(reload.failed()));
        if (!reload.upgraded().isEmpty()) {
            details.put("upgraded", joined(reload.upgraded()));
        }
        if (!reload.removed().isEmpty()) {
            details.put("removed", joined(reload.removed()));
        }
        if (!reload.reconfigured().isEmpty()) {
            details.put("reconfigured", joined(reload.reconfigured()));
        }
        return operator(AuditEventType.PLUGINS_RELOADED, actor, at, details);
    }

    public static AuditDraft pluginSwitched(String pluginId, boolean enabled, Actor actor, Instant at) {
        return operator(enabled ? AuditEventType.PLUGIN_ENABLED : AuditEventType.PLUGIN_DISABLED, actor, at,
                Map.of("pluginId", pluginId));
    }

    public static AuditDraft deadLettersReplayed(String connectorId, List<Long> asked, DeadLetters.ReplayResult result,
                                                 Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connectorId", connectorId);
        details.put("deliveries", asked.isEmpty() ? "all"
                : asked.size() > MAX_LISTED_IDS ? asked.size() + " chosen"
                : asked.stream().map(String::valueOf).collect(Collectors.joining(",")));
        details.put("replayed", Integer.toString(result.replayed()));
        details.put("superseded", Integer.toString(result.superseded()));
        return operator(AuditEventType.DEAD_LETTERS_REPLAYED, actor, at, details);
    }

    private static AuditDraft operator(AuditEventType type, Actor actor, Instant at, Map<String, String> details) {
        return AuditDraft.of(type, null, null, null, at, at, actor.id(), null, null, null, details);
    }

    private static String joined(List<String> ids) {
        return String.join(",", ids);
    }
}
