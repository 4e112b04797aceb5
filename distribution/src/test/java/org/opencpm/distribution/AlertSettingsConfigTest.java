package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.alert.AlertSettings;
import org.opencpm.application.port.out.AlertSink;
import org.opencpm.domain.alert.Alert;
import org.opencpm.domain.alert.AlertSeverity;

/** opencpm.alerts.*: defaults, values read, values out of range stop the start naming the key; the webhook sends JSON. */
class AlertSettingsConfigTest {

    @Test
    void unset_keeps_the_defaults_and_set_values_are_read() {
        assertThat(AlertSettingsConfig.from(key -> Optional.empty())).isEqualTo(AlertSettings.DEFAULT);
        AlertSettings read = AlertSettingsConfig.from(key -> Optional.ofNullable(Map.of(
                "opencpm.alerts.interval", "PT30S", "opencpm.alerts.auth-failures.max", "7",
                "opencpm.alerts.denied-decisions.revoke-key", "true", "opencpm.alerts.delivery-backlog.max-sync-lag", "PT2H").get(key)));
        assertThat(read.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read.maxAuthFailures()).isEqualTo(7);
        assertThat(read.revokeDeniedKey()).isTrue();
        assertThat(read.maxSyncLag()).isEqualTo(Duration.ofHours(2));
        assertThat(AlertSettingsConfig.sink(key -> Optional.empty())).isSameAs(AlertSink.NONE);
    }

    @Test
    void a_value_out_of_range_stops_the_start_naming_the_key() {
        for (Map.Entry<String, String> bad : Map.of("opencpm.alerts.auth-failures.max", "-1", "opencpm.alerts.quiet-hours.max", "many",
                "opencpm.alerts.denied-decisions.revoke-key", "yes", "opencpm.alerts.interval", "1 minute",
                "opencpm.alerts.withdrawal-spike.factor", "0.5", "opencpm.alerts.webhook.url", "ftp://example.org/x").entrySet()) {
            assertThatThrownBy(() -> {
                AlertSettingsConfig.from(key -> Optional.ofNullable(key.equals(bad.getKey()) ? bad.getValue() : null));
                AlertSettingsConfig.sink(key -> Optional.ofNullable(key.equals(bad.getKey()) ? bad.getValue() : null));
            }).as(bad.getKey()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(bad.getKey().startsWith("opencpm.alerts.withdrawal") ? "opencpm.alerts" : bad.getKey());
        }
    }

    @Test
    void the_webhook_receives_the_alert_as_json_and_a_refusal_throws() {
        WireMockServer hook = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
        try {
            hook.stubFor(post(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(202)));
            hook.stubFor(post(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
            Alert alert = new Alert("a-1", "overdue-rights", AlertSeverity.CRITICAL, Instant.parse("2026-12-01T00:00:00Z"),
                    Map.of("overdue", "2", "max", "0"));

            AlertSettingsConfig.sink(key -> Optional.of("http://127.0.0.1:" + hook.port() + "/ok")).deliver(alert);

            hook.verify(postRequestedFor(urlPathEqualTo("/ok")).withRequestBody(equalToJson("""
                    {"id": "a-1", "rule": "overdue-rights", "severity": "critical", "raisedAt": "2026-12-01T00:00:00Z",
                     "detail": {"max": "0", "overdue": "2"}}""")));
            AlertSink down = AlertSettingsConfig.sink(key -> Optional.of("http://127.0.0.1:" + hook.port() + "/down"));
            assertThatThrownBy(() -> down.deliver(alert)).hasMessageContaining("503");
        } finally {
            hook.stop();
        }
    }
}
