package org.opencpm.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.ApiKeyNotFoundException;
import org.opencpm.application.LastAdminKeyException;
import org.opencpm.application.UnknownConnectorException;
import org.opencpm.application.UnknownPluginException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.notice.Notice;
import org.opencpm.testfixtures.ConsentEvents;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * What operators do leaves an audit event in the consents' chain, with the operator's key as
 * actor (PIPL Art. 51, 54); what is refused leaves none; and the chain still verifies.
 */
class OperatorAuditTest {

    private static final String CRM = "crm-webhook";
    private static final String PLUGIN = "crm-webhook-plugin";

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();
    private final CreatedApiKey admin;
    private final Actor operator;

    OperatorAuditTest() {
        cpm.apiKeys.bootstrap(Optional.of("bootstrap-admin-key-0123456789"));
        admin = cpm.apiKeys.create(new CreateApiKeyCommand("ops", Set.of(Role.ADMIN), Actor.SYSTEM));
        operator = Actor.apiKey(admin.id());
        cpm.connectorRuntime = new OnePlugin();
        cpm.subscriptions = change -> List.of(CRM);
    }

    @Test
    @DisplayName("PIPL Art. 51: creating and revoking a key are audited with the operator's key as actor")
    void key_creation_and_revocation_are_audited() {
        CreatedApiKey crm = appendsOne(AuditEventType.API_KEY_CREATED,
                () -> cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), operator)));
        appendsOne(AuditEventType.API_KEY_REVOKED, () -> {
            cpm.apiKeys.revoke(crm.id(), operator);
            return crm;
        });
        AuditEvent revoked = last();
        assertThat(revoked.details()).containsEntry("keyId", crm.id()).containsEntry("name", "crm");
        assertThat(CanonicalForm.of(revoked)).doesNotContain(crm.key());

        appendsNothing(() -> cpm.apiKeys.revoke(crm.id(), operator)); // revoked already: nothing to do
        assertThatAppendsNothing(() -> cpm.apiKeys.revoke("key_0000000000000000", operator), ApiKeyNotFoundException.class);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void refusing_to_revoke_the_last_admin_key_appends_nothing() {
        cpm.apiKeys.list().stream().filter(k -> !k.id().equals(admin.id())).forEach(k -> cpm.apiKeys.revoke(k.id(), operator));
        assertThatAppendsNothing(() -> cpm.apiKeys.revoke(admin.id(), operator), LastAdminKeyException.class);
        assertThat(cpm.apiKeys.authenticate(admin.key())).isPresent();
    }

    @Test
    @DisplayName("Reloading, enabling and disabling plugins are audited; an unknown plugin appends nothing")
    void plugin_actions_are_audited() {
        assertThat(appendsOne(AuditEventType.PLUGINS_RELOADED, () -> cpm.connectors.reloadPlugins(operator)).added())
                .containsExactly(PLUGIN);
        assertThat(last().details()).containsEntry("added", PLUGIN).containsEntry("failed", "");
        appendsOne(AuditEventType.PLUGIN_DISABLED, () -> cpm.connectors.setPluginEnabled(PLUGIN, false, operator));
        assertThat(last().details()).containsEntry("pluginId", PLUGIN);
        appendsOne(AuditEventType.PLUGIN_ENABLED, () -> cpm.connectors.setPluginEnabled(PLUGIN, true, operator));

        assertThatAppendsNothing(() -> cpm.connectors.setPluginEnabled("no-such-plugin", false, operator), UnknownPluginException.class);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("Replaying dead letters is audited with what was replayed; an unknown connector appends nothing")
    void a_dead_letter_replay_is_audited() {
        cpm.withPurposes(MARKETING_SMS);
        Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.recordConsent.record(ConsentEvents.aGrant().by(ConsentEvents.PHONE).of(MARKETING_SMS).on(notice).build());
        Delivery claimed = cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(1), "node-a").get(0);
        cpm.deliveries.dead(claimed.id(), "node-a", cpm.clock.now(), "HTTP 400 from the platform");

        appendsOne(AuditEventType.DEAD_LETTERS_REPLAYED, () -> cpm.connectors.replay(CRM, List.of(claimed.id()), operator));
        assertThat(last().details()).containsEntry("connectorId", CRM).containsEntry("deliveries", Long.toString(claimed.id()))
                .containsEntry("replayed", "1");

        assertThatAppendsNothing(() -> cpm.connectors.replay("no-such", List.of(), operator), UnknownConnectorException.class);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void purpose_and_notice_changes_are_audited_with_the_key_as_actor() {
        appendsOne(AuditEventType.PURPOSE_DEFINED, () -> cpm.purposes.define(new DefinePurposeCommand(MARKETING_SMS, operator)));
        appendsOne(AuditEventType.NOTICE_PUBLISHED, () -> cpm.notices.publish(new org.opencpm.application.port.in.PublishNoticeCommand(
                org.opencpm.domain.notice.NoticeRef.of("privacy-policy", "9"), "zh-CN", "隐私政策", Optional.of("正文"), Optional.empty(),
                Set.of(MARKETING_SMS.code()), false, operator)));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    private <T> T appendsOne(AuditEventType type, Supplier<T> action) {
        int before = cpm.auditTrail.all().size();
        T result = action.get();
        List<AuditEvent> events = cpm.auditTrail.all();
        assertThat(events).hasSize(before + 1);
        assertThat(last().type()).isEqualTo(type);
        assertThat(last().actor()).isEqualTo("key:" + admin.id());
        return result;
    }

    private void appendsNothing(Runnable action) {
        int before = cpm.auditTrail.all().size();
        action.run();
        assertThat(cpm.auditTrail.all()).hasSize(before);
    }

    private void assertThatAppendsNothing(Runnable action, Class<? extends Exception> refusal) {
        int before = cpm.auditTrail.all().size();
        assertThatThrownBy(action::run).isInstanceOf(refusal);
        assertThat(cpm.auditTrail.all()).hasSize(before);
    }

    private AuditEvent last() {
        List<AuditEvent> events = cpm.auditTrail.all();
        return events.get(events.size() - 1);
    }

    /** The runtime: one plugin with one connector. */
    private static final class OnePlugin implements ConnectorRuntime {
        private volatile boolean enabled = true;

        @Override
        public List<ConnectorInfo> connectors() {
            return List.of(new ConnectorInfo(CRM, "CRM", "1.0.0", PLUGIN, ConnectorInfo.State.RUNNING, Optional.empty()));
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of(info());
        }

        private PluginInfo info() {
            return new PluginInfo(PLUGIN, "1.0.0", enabled ? PluginInfo.State.STARTED : PluginInfo.State.DISABLED, List.of(CRM),
                    Optional.empty());
        }

        @Override
        public PluginReload reloadPlugins() {
            return new PluginReload(List.of(PLUGIN), List.of(PLUGIN), List.of());
        }

        @Override
        public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enable) {
            if (!PLUGIN.equals(pluginId)) {
                return Optional.empty();
            }
            enabled = enable;
            return Optional.of(info());
        }

        @Override
        public Optional<InboundOutcome> inbound(CallbackRequest request) {
            return Optional.empty();
        }
    }
}
