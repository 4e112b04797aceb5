package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.HostKey;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;

/** Each host key is checked against its declaration when the connector starts, and a wrong one is named. */
class HostSettingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "parallelism        | many | configuration key 'parallelism' must be a whole number from 1 to 256, not 'many'",
            "parallelism        | 0    | configuration key 'parallelism' must be a whole number from 1 to 256, not '0'",
            "retry.maxAttempts  | 2.5  | configuration key 'retry.maxAttempts' must be a whole number",
            "lease.seconds      | 5    | configuration key 'lease.seconds' must be a whole number from 60 to 3600, not '5'",
            "rate.perSecond     | fast | configuration key 'rate.perSecond' must be a number from 0 to 100000, not 'fast'",
            "batch.size         | -1   | configuration key 'batch.size' must be a whole number from 1 to 10000",
            "retry.maxAttemps   | 3    | configuration key 'retry.maxAttemps' is not a host key",
            "enabled            | yes  | configuration key 'enabled' must be true or false, not 'yes'",
            "reconcile.intervalHours | 721 | configuration key 'reconcile.intervalHours' must be a whole number from 0 to 720, not '721'",
            "reconcile.intervalHours | -1  | configuration key 'reconcile.intervalHours' must be a whole number from 0 to 720, not '-1'",
            "reconcile.everyHours    | 24  | configuration key 'reconcile.everyHours' is not a host key",
    })
    void a_wrong_host_key_fails_the_start_with_a_message_naming_it(String key, String value, String message) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("plain.properties"), "enabled=true\n" + key + "=" + value + "\n");

        try (ConnectorHost host = ConnectorHost.startEmbedded(RuntimeSettings.of(dir.resolve("plugins"), conf, "node-a"),
                new InMemoryDeliveryQueue(Instant::now), (subject, types) -> List.of(), Clock.systemUTC(), List.of(new Plain()))) {

            ConnectorInfo plain = host.connectors().get(0);
            assertThat(plain.state()).isEqualTo(ConnectorInfo.State.FAILED);
            assertThat(plain.problem()).hasValueSatisfying(problem -> assertThat(problem).startsWith(message));
        }
    }

    @Test
    void a_retry_ceiling_below_its_base_is_refused_naming_both() {
        ConnectorConfig config = ConnectorConfig.of(Map.of("retry.baseMillis", "5000", "retry.maxMillis", "1000"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> HostSettings.read(new Plain().descriptor(), config,
                RedeliveryPolicy.DEFAULT))).hasMessage("configuration key 'retry.maxMillis' (1000) must be at least 'retry.baseMillis' (5000)");
    }

    @Test
    void good_values_set_the_dispatcher_and_what_is_absent_keeps_its_default() {
        ConnectorConfig config = ConnectorConfig.of(Map.of("parallelism", "3", "retry.maxAttempts", "4", "retry.baseMillis", "200",
                "lease.seconds", "300", "rate.perSecond", "2.5", "batch.size", "50", "custom", "declared by the connector",
                "reconcile.intervalHours", "24"));

        HostSettings settings = HostSettings.read(new Plain().descriptor(), config, RedeliveryPolicy.DEFAULT);

        assertThat(settings.parallelism()).isEqualTo(3);
        assertThat(settings.policy().maxAttempts()).isEqualTo(4);
        assertThat(settings.policy().base()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.policy().max()).as("the server's").isEqualTo(RedeliveryPolicy.DEFAULT.max());
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.ratePerSecond()).isEqualTo(2.5);
        assertThat(settings.batchSize()).isEqualTo(50);
        assertThat(settings.batchWindowMillis()).as("the descriptor's").isEqualTo(7);
        assertThat(settings.reconcileIntervalHours()).isEqualTo(24);
        HostSettings defaults = HostSettings.read(new Plain().descriptor(), ConnectorConfig.of(Map.of()), RedeliveryPolicy.DEFAULT);
        assertThat(defaults.parallelism()).isEqualTo(8);
        assertThat(defaults.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.policy()).isEqualTo(RedeliveryPolicy.DEFAULT);
        assertThat(defaults.batchSize()).isEqualTo(1);
        assertThat(defaults.reconcileIntervalHours()).as("never").isZero();
        assertThat(List.of(HostKey.RETRY_MAX_ATTEMPTS.byDefault(), HostKey.RETRY_BASE_MILLIS.byDefault(), HostKey.RETRY_MAX_MILLIS.byDefault()))
                .as("the defaults the guide states are the server's policy")
                .containsExactly(String.valueOf(RedeliveryPolicy.DEFAULT.maxAttempts()), String.valueOf(RedeliveryPolicy.DEFAULT.base().toMillis()),
                        String.valueOf(RedeliveryPolicy.DEFAULT.max().toMillis()));
    }

    /** A connector that needs nothing but the host's keys, and declares one key of its own. */
    static final class Plain implements ChannelConnector {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("plain", "Plain", "1.0.0", Set.of(), List.of(ConfigKey.optional("custom", "anything")), 1, 7);
        }

        @Override
        public RouteBuilder routes(ConnectorContext context) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(context.entryUri()).routeId(context.routeId()).log("sent");
                }
            };
        }
    }
}
