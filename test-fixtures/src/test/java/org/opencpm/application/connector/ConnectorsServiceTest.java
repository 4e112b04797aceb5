package org.opencpm.application.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.UnknownConnectorException;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.notice.Notice;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class ConnectorsServiceTest {

    private static final String CRM = "crm-webhook";

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);

    {
        cpm.subscriptions = change -> List.of(CRM);
        cpm.connectorRuntime = new OneConnector();
    }

    @Test
    @DisplayName("PIPL Art. 15: every consent change is queued for each subscribed connector in its own transaction")
    void each_change_is_queued_for_the_connectors_that_want_it() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build());

        List<Delivery> queued = cpm.deliveries.all();
        assertThat(queued).extracting(Delivery::connectorId).containsExactly(CRM, CRM);
        assertThat(queued.get(1).change().erasureDue()).as("PIPL Art. 47").isTrue();
        assertThat(cpm.connectors.connectors()).singleElement().satisfies(status -> assertThat(status.deliveries().pending()).isEqualTo(2));
    }

    @Test
    void connectors_hear_of_a_change_once_it_is_committed_and_never_of_one_that_was_not() {
        List<List<String>> told = new CopyOnWriteArrayList<>();
        long committedBefore = cpm.transactions.committed();
        cpm.subscriptions = new ConnectorSubscriptions() {
            @Override
            public List<String> subscribersOf(ConsentChange change) {
                return List.of(CRM);
            }

            @Override
            public void committed(List<String> connectorIds) {
                assertThat(cpm.transactions.committed()).as("told only once the change has committed").isGreaterThan(committedBefore);
                told.add(connectorIds);
            }
        };
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        assertThat(told).containsExactly(List.of(CRM));

        cpm.outbox.failNextEnqueue(new IllegalStateException("database connection lost"));
        assertThatThrownBy(() -> cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build()))
                .hasMessageContaining("database connection lost");
        assertThat(told).as("nothing committed, nobody told").hasSize(1);
    }

    @Test
    @DisplayName("A replayed dead letter that a newer change of its subject and purpose overtook is not sent again")
    void a_replay_never_sends_a_platform_back_to_an_older_state() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build());
        List<Delivery> first = cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(1), "node-a");
        assertThat(first).hasSize(1);
        cpm.deliveries.dead(first.get(0).id(), "node-a", cpm.clock.now(), "HTTP 400 from the platform");
        List<Delivery> second = cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(1), "node-a");
        assertThat(second).as("a dead letter does not hold its subject's later changes back").hasSize(1);
        cpm.deliveries.delivered(List.of(second.get(0).id()), "node-a", cpm.clock.now());

        DeadLetters.ReplayResult replay = cpm.connectors.replay(CRM, List.of(), InMemoryOpenCpm.ADMIN);

        assertThat(replay).isEqualTo(new DeadLetters.ReplayResult(0, 1));
        assertThat(cpm.deliveries.all()).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
        assertThat(cpm.connectors.deliveries(CRM, DeliveryStatus.DELIVERED, 10).get(0).lastError()).get().asString().contains("superseded");
    }

    @Test
    void outcomes_from_a_node_whose_lease_was_taken_over_change_nothing() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        Delivery claimed = cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofSeconds(30), "node-a").get(0);
        cpm.clock.advance(Duration.ofMinutes(1));
        assertThat(cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofSeconds(30), "node-b")).hasSize(1);

        assertThat(cpm.deliveries.delivered(List.of(claimed.id()), "node-a", cpm.clock.now())).isZero();
        assertThat(cpm.deliveries.dead(claimed.id(), "node-a", cpm.clock.now(), "late")).isFalse();
        assertThat(cpm.deliveries.delivered(List.of(claimed.id()), "node-b", cpm.clock.now())).isOne();
    }

    @Test
    void a_restarted_node_releases_what_it_had_in_flight() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(2), "node-a");
        assertThat(cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(2), "node-a")).isEmpty();

        assertThat(cpm.deliveries.release("node-a", cpm.clock.now())).isOne();
        assertThat(cpm.deliveries.claim(CRM, 10, cpm.clock.now(), Duration.ofMinutes(2), "node-a")).hasSize(1);
    }

    @Test
    void deliveries_of_a_connector_nobody_knows_are_refused() {
        assertThatThrownBy(() -> cpm.connectors.deliveries("no-such", DeliveryStatus.DEAD, 10)).isInstanceOf(UnknownConnectorException.class);
        assertThatThrownBy(() -> cpm.connectors.replay("no-such", List.of(), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(UnknownConnectorException.class);
    }

    /** The runtime: one running connector, crm-webhook, that takes no callbacks. */
    private static final class OneConnector implements ConnectorRuntime {
        @Override
        public List<ConnectorInfo> connectors() {
            return List.of(new ConnectorInfo(CRM, "CRM", "1.0.0", "crm-webhook", ConnectorInfo.State.RUNNING, Optional.empty()));
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of();
        }

        @Override
        public PluginReload reloadPlugins() {
            return new PluginReload(List.of(), List.of(), List.of());
        }

        @Override
        public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
            return Optional.empty();
        }

        @Override
        public Optional<InboundOutcome> inbound(CallbackRequest request) {
            return Optional.empty();
        }
    }
}
