package org.opencpm.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.sample.MemberConnector;

class ConnectorHarnessTest {

    @Test
    @DisplayName("A connector whose configuration lacks a required key fails start() with the host's reason, naming the key")
    void a_missing_required_key_fails_start_with_the_reason() {
        assertThatThrownBy(() -> ConnectorHarness.of(new MemberConnector()).config(MemberConnector.API_KEY, "k").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("member-points").hasMessageContaining(MemberConnector.PURPOSES);
    }

    @Test
    @DisplayName("A connector whose routes throw fails start() with what it threw, not a wait for deliveries that never come")
    void a_connector_that_throws_on_start_fails_start_with_its_error() {
        ChannelConnector throwing = new ChannelConnector() {
            @Override
            public ConnectorDescriptor descriptor() {
                return new ConnectorDescriptor("throws-on-start", "Throws on start", "1.0.0", Set.of("phone"), List.of(), 1, 0);
            }

            @Override
            public RouteBuilder routes(ConnectorContext context) {
                throw new IllegalStateException("the platform's region is not configured");
            }
        };
        assertThatThrownBy(() -> ConnectorHarness.of(throwing).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("throws-on-start")
                .hasMessageContaining("the platform's region is not configured");
    }

    @Test
    @DisplayName("A connector that starts gives a harness whose deliveries are the kit's own type")
    void a_running_connector_gives_a_harness() {
        try (ConnectorHarness harness = ConnectorHarness.of(new MemberConnector()).config(MemberConnector.API_KEY, "k")
                .config(MemberConnector.PURPOSES, "loyalty-points").start()) {
            HarnessDelivery delivery = harness.grant("sub_1", "loyalty-points", 3);
            assertThat(delivery.subjectId()).isEqualTo("sub_1");
            assertThat(delivery.purpose()).isEqualTo("loyalty-points");
            assertThat(delivery.granted()).isTrue();
            assertThat(delivery.version()).isEqualTo(3);
        }
    }

    private static ConnectorHarness memberPlatform() {
        return ConnectorHarness.of(new MemberConnector()).config(MemberConnector.API_KEY, "k")
                .config(MemberConnector.PURPOSES, "loyalty-points").start();
    }

    @Test
    @DisplayName("An answer the connector maps to 'nothing to do' (a 404 here) settles the change: delivered, not retried, not dead")
    void an_answer_mapped_to_nothing_to_do_settles_the_change() {
        try (ConnectorHarness harness = memberPlatform()) {
            harness.platform().stubFor(post(urlPathEqualTo("/members/consents")).willReturn(aResponse().withStatus(404)));
            harness.identify("sub_1", SubjectIdentifier.of("member_id", "M-1")).withdraw("sub_1", "loyalty-points", 2);
            harness.awaitSettled();
            assertThat(harness.deliveries()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED));
            assertThat(harness.dead()).isEmpty();
            harness.platform().verify(1, postRequestedFor(urlPathEqualTo("/members/consents")));
        }
    }

    @Test
    @DisplayName("A 200 the connector maps to 'permanent' is a dead letter with the connector's reason, never retried")
    void an_answer_mapped_to_permanent_is_dead_with_the_reason() {
        try (ConnectorHarness harness = memberPlatform()) {
            harness.platform().stubFor(post(urlPathEqualTo("/members/consents"))
                    .willReturn(aResponse().withStatus(200).withBody("{\"accepted\":false,\"why\":\"purpose locked by the member\"}")));
            harness.identify("sub_1", SubjectIdentifier.of("member_id", "M-1")).grant("sub_1", "loyalty-points", 2);
            harness.awaitSettled();
            assertThat(harness.dead()).singleElement().satisfies(d -> assertThat(d.lastError())
                    .hasValue("the platform did not accept the change: purpose locked by the member"));
            harness.platform().verify(1, postRequestedFor(urlPathEqualTo("/members/consents")));
        }
    }
}
