package org.opencpm.application.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.Authentication;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.alert.Alert;
import org.opencpm.domain.alert.AlertSeverity;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeCoveragePolicy;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Each risk rule fires when provoked and stays quiet on a calm baseline (issue 12; PIPL Art. 51,
 * 54–56; GB/T 35273 §11). Windows are moved by the fixed clock and by calling {@link
 * AlertService#evaluate} as the periodic job would: no sleeps.
 */
class AlertServiceTest {

    /** Low thresholds, so that a test provokes each rule with a handful of events. */
    private static final AlertSettings LOW = new AlertSettings(Duration.ofMinutes(1), 5, 3.0, 5,
            3, false, 3, 0, 2, 0, Duration.ofHours(1), 0, 4);

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
    private final AtomicLong dead = new AtomicLong();
    private final AtomicReference<Optional<Long>> oldestPending = new AtomicReference<>(Optional.empty());
    private final List<Alert> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AlertService alerts = service(LOW);
    private int phones;

    private AlertService service(AlertSettings settings) {
        return new AlertService(settings, cpm.riskSignals, cpm.alertStore, sent::add, cpm.ports.rightsRequests(), deadLetters(),
                oneConnector(), cpm.apiKeys, cpm.clock);
    }

    /** The next window: a minute later, evaluated. */
    private List<Alert> tick() {
        cpm.clock.advance(Duration.ofMinutes(1));
        return alerts.evaluate();
    }

    private Identifier freshPhone() {
        return Identifier.phone("1390000" + String.format("%04d", phones++));
    }

    private void grants(int n, String ip) {
        for (int i = 0; i < n; i++) {
            cpm.recordConsent.record(aGrant().by(freshPhone()).of(MARKETING_SMS).on(notice).fromIp(ip).build());
        }
    }

    private void withdrawals(int n) {
        for (int i = 0; i < n; i++) {
            Identifier phone = freshPhone();
            cpm.recordConsent.record(aGrant().by(phone).of(MARKETING_SMS).on(notice).build());
            cpm.recordConsent.record(aWithdrawal().by(phone).of(MARKETING_SMS).on(notice).build());
        }
    }

    private static List<String> rules(List<Alert> alerts) {
        return alerts.stream().map(Alert::rule).toList();
    }

    @Test
    @DisplayName("A calm baseline raises nothing: a few grants, withdrawals, failures, denials in every window")
    void a_calm_baseline_raises_nothing() {
        for (int window = 0; window < 10; window++) {
            grants(2, "203.0.113." + window);
            withdrawals(1);
            cpm.apiKeys.authenticate("opk_wrong", "198.51.100.1");
            cpm.riskSignals.decisionDenied("key-1");
            assertThat(tick()).isEmpty();
        }
        assertThat(cpm.alertStore.newest(10)).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 51(2): a burst of failed authentications raises one critical alert per episode, kept, listed and sent")
    void failed_authentication_burst() {
        for (int i = 0; i < 5; i++) {
            assertThat(cpm.apiKeys.authenticate("opk_guess" + i, "198.51.100.7")).isInstanceOf(Authentication.Refused.class);
        }
        List<Alert> raised = tick();

        assertThat(rules(raised)).containsExactly(AlertRules.AUTH_FAILURES);
        Alert alert = raised.get(0);
        assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alert.raisedAt()).isEqualTo(cpm.clock.now());
        assertThat(alert.detail()).containsEntry("count", "5").containsEntry("max", "4").containsEntry("windowSeconds", "60");
        assertThat(alert.detail().values()).noneMatch(v -> v.contains("198.51.100.7") || v.contains("opk_"));
        assertThat(alerts.newest(10)).containsExactly(alert);
        assertThat(sent).containsExactly(alert);

        // the burst goes on: the same episode, no second alert; it stops, then comes back: a new one
        for (int i = 0; i < 5; i++) {
            cpm.apiKeys.authenticate("opk_guess", "198.51.100.8");
        }
        assertThat(tick()).isEmpty();
        assertThat(alerts.openEpisodes()).isEqualTo(1);
        assertThat(tick()).isEmpty();
        assertThat(alerts.openEpisodes()).isZero();
        for (int i = 0; i < 5; i++) {
            cpm.apiKeys.authenticate("opk_guess", "198.51.100.9");
        }
        assertThat(rules(tick())).containsExactly(AlertRules.AUTH_FAILURES);
        assertThat(alerts.newest(10)).hasSize(2);
    }

    @Test
    @DisplayName("PIPL Art. 50: a rights request past its due date raises an alert; answered, the episode ends")
    void overdue_rights_request() {
        grants(1, "203.0.113.1");
        Identifier phone = Identifier.phone("13900000000");
        var request = cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.by(phone), RightsRequestType.ACCESS,
                CollectionChannel.CALL_CENTRE, new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.empty(),
                InMemoryOpenCpm.ADMIN));
        cpm.clock.advance(Duration.ofDays(14));
        assertThat(tick()).as("due tomorrow: quiet").isEmpty();
        cpm.clock.advance(Duration.ofDays(1));

        List<Alert> raised = tick();

        assertThat(rules(raised)).containsExactly(AlertRules.OVERDUE_RIGHTS);
        assertThat(raised.get(0).detail()).containsEntry("overdue", "1").doesNotContainValue(request.id());
        cpm.rightsRequests.start(request.id(), InMemoryOpenCpm.ADMIN);
        cpm.rightsRequests.complete(request.id(), Optional.of("sent"), InMemoryOpenCpm.ADMIN);
        assertThat(tick()).isEmpty();
        assertThat(alerts.openEpisodes()).isZero();
    }

    @Test
    @DisplayName("PIPL Art. 13, 14: one API key asking again and again for denied uses raises an alert naming the key id")
    void repeated_denied_decisions_from_one_key() {
        for (int i = 0; i < 3; i++) {
            cpm.riskSignals.decisionDenied("key-a");
            cpm.riskSignals.decisionDenied("key-b");
        }
        assertThat(tick()).as("at the maximum: quiet").isEmpty();
        for (int i = 0; i < 4; i++) {
            cpm.riskSignals.decisionDenied("key-a");
        }
        cpm.riskSignals.decisionDenied("key-b");

        List<Alert> raised = tick();

        assertThat(rules(raised)).containsExactly(AlertRules.DENIED_DECISIONS);
        assertThat(raised.get(0).detail()).containsEntry("apiKeyId", "key-a").containsEntry("count", "4").doesNotContainKey("keyRevoked");
    }

    @Test
    @DisplayName("PIPL Art. 13, 14: with revocation on, the offending key is revoked by the rule, audited, and refused from then on")
    void the_offending_key_is_revoked_when_configured() {
        alerts = service(new AlertSettings(Duration.ofMinutes(1), 5, 3.0, 5, 3, true, 3, 0, 2, 0, Duration.ofHours(1), 0, 4));
        var created = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        assertThat(cpm.apiKeys.authenticate(created.key(), "10.0.0.1")).isInstanceOf(Authentication.Authenticated.class);
        for (int i = 0; i < 4; i++) {
            cpm.riskSignals.decisionDenied(created.id());
        }

        List<Alert> raised = tick();

        assertThat(raised.get(0).detail()).containsEntry("keyRevoked", "true");
        assertThat(cpm.apiKeys.authenticate(created.key(), "10.0.0.1")).isNotInstanceOf(Authentication.Authenticated.class);
        assertThat(cpm.auditTrail.all()).anyMatch(e -> e.type() == AuditEventType.API_KEY_REVOKED
                && e.actor().equals(AlertService.ACTOR.id()));
    }

    @Test
    @DisplayName("PIPL Art. 14: a burst of grants from one network raises an alert naming the masked network, never the address")
    void grant_burst_from_one_address() {
        grants(3, "203.0.113.7");
        assertThat(tick()).isEmpty();
        grants(4, "203.0.113.8");

        List<Alert> raised = tick();

        assertThat(rules(raised)).containsExactly(AlertRules.GRANT_BURST);
        assertThat(raised.get(0).detail()).containsEntry("source", "ip:203.0.113.0/24").containsEntry("count", "4");
        assertThat(raised.get(0).detail().values()).noneMatch(v -> v.contains("203.0.113.8"));
    }

    @Test
    @DisplayName("PIPL Art. 15, 16: withdrawals far above their baseline raise a spike alert; a steady rate does not")
    void withdrawal_spike_against_a_baseline() {
        for (int window = 0; window < 5; window++) {
            withdrawals(2);
            assertThat(tick()).isEmpty();
        }
        withdrawals(6);
        assertThat(tick()).as("6 is not more than 3 x the baseline of 2").isEmpty();
        withdrawals(12);

        List<Alert> raised = tick();

        assertThat(rules(raised)).containsExactly(AlertRules.WITHDRAWAL_SPIKE);
        assertThat(raised.get(0).detail()).containsEntry("count", "12").containsEntry("baseline", "2.80");
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant recorded on a notice a material change has outdated raises an alert")
    void consent_on_an_outdated_notice() {
        grants(2, "203.0.113.1");
        assertThat(tick()).as("on the notice in force: quiet").isEmpty();
        Instant beforeTheChange = cpm.clock.now();
        cpm.clock.advance(Duration.ofSeconds(1));
        cpm.publish("privacy-policy", "2", true, MARKETING_SMS);
        // a form still showing version 1: refused, and counted
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().by(freshPhone()).of(MARKETING_SMS).on(notice).build()))
                .isInstanceOf(NoticeCoveragePolicy.NoticeSupersededException.class);
        assertThat(rules(tick())).containsExactly(AlertRules.OUTDATED_NOTICE);
        assertThat(tick()).isEmpty();

        // an offline tablet's grant, given on version 1 before the change, arriving late: recorded, and counted
        cpm.recordConsent.record(aGrant().by(freshPhone()).of(MARKETING_SMS).on(notice).at(beforeTheChange).build());
        assertThat(rules(tick())).containsExactly(AlertRules.OUTDATED_NOTICE);
    }

    @Test
    @DisplayName("PIPL Art. 10: send attempts in the person's quiet hours above the maximum raise an alert")
    void send_attempts_in_quiet_hours() {
        Identifier phone = freshPhone();
        cpm.recordConsent.record(aGrant().by(phone).of(MARKETING_SMS).on(notice).build());
        SendPermitCommand sms = new SendPermitCommand(SubjectLocator.by(phone), MARKETING_SMS.code(), ContactChannel.SMS,
                Optional.empty(), InMemoryOpenCpm.ADMIN);
        for (int i = 0; i < 3; i++) {
            assertThat(cpm.sendPermits.issue(sms).granted()).as("10:00 in Beijing").isTrue();
        }
        assertThat(tick()).isEmpty();
        cpm.clock.set(Instant.parse("2026-11-29T15:00:00Z")); // 23:00 in Beijing
        alerts.evaluate();
        for (int i = 0; i < 3; i++) {
            assertThat(cpm.sendPermits.issue(sms).granted()).isFalse();
        }

        assertThat(rules(tick())).containsExactly(AlertRules.QUIET_HOURS);
    }

    @Test
    @DisplayName("PIPL Art. 15, 47: dead letters, or changes not delivered for longer than the limit, raise one alert each")
    void dead_letters_and_sync_lag() {
        oldestPending.set(Optional.of(cpm.clock.now().toEpochMilli()));
        assertThat(tick()).as("no dead letter, a minute of lag: quiet").isEmpty();
        dead.set(1);
        List<Alert> raised = tick();
        assertThat(rules(raised)).containsExactly(AlertRules.DELIVERY_BACKLOG);
        assertThat(raised.get(0).detail()).containsEntry("deadLetters", "1");

        cpm.clock.advance(Duration.ofHours(1));
        List<Alert> lagging = alerts.evaluate();
        assertThat(lagging).hasSize(1);
        assertThat(lagging.get(0).detail()).containsEntry("syncLagSeconds", Long.toString(Duration.ofMinutes(62).toSeconds()));
    }

    @Test
    @DisplayName("A sink that fails does not lose the alert: it is kept and listed")
    void a_failing_sink_keeps_the_alert() {
        alerts = new AlertService(LOW, cpm.riskSignals, cpm.alertStore, alert -> {
            throw new IllegalStateException("webhook down");
        }, cpm.ports.rightsRequests(), deadLetters(), oneConnector(), cpm.apiKeys, cpm.clock);
        for (int i = 0; i < 5; i++) {
            cpm.apiKeys.authenticate("opk_x", "198.51.100.7");
        }
        assertThat(tick()).hasSize(1);
        assertThat(alerts.newest(5)).hasSize(1);
    }

    @Nested
    class Masking {
        @Test
        void addresses_are_masked_to_their_network() {
            assertThat(RiskSignals.maskAddress("203.0.113.77")).isEqualTo("203.0.113.0/24");
            assertThat(RiskSignals.maskAddress("2001:DB8:aa:bb::1")).isEqualTo("2001:db8:aa::/48");
            assertThat(RiskSignals.maskAddress("not an address")).isEqualTo("other");
            assertThat(RiskSignals.shortHash("agent 7")).hasSize(12).doesNotContain("agent");
        }
    }

    private DeadLetters deadLetters() {
        return new DeadLetters() {
            @Override
            public List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
                return List.of();
            }

            @Override
            public List<Delivery> ofSubject(SubjectId subject, long afterId, int limit) {
                return List.of();
            }

            @Override
            public DeliveryCounts counts(String connectorId) {
                return new DeliveryCounts(0, 0, 0, 0, dead.get(), oldestPending.get());
            }

            @Override
            public ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
                return new ReplayResult(0, 0);
            }
        };
    }

    private static ConnectorRuntime oneConnector() {
        return new ConnectorRuntime() {
            @Override
            public List<ConnectorInfo> connectors() {
                return List.of(new ConnectorInfo("crm", "CRM", "1.0", "crm-webhook", ConnectorInfo.State.RUNNING, Optional.empty()));
            }

            @Override
            public List<PluginInfo> plugins() {
                return List.of();
            }

            @Override
            public PluginReload reloadPlugins() {
                return NONE.reloadPlugins();
            }

            @Override
            public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
                return Optional.empty();
            }

            @Override
            public Optional<InboundOutcome> inbound(CallbackRequest request) {
                return Optional.empty();
            }
        };
    }
}
