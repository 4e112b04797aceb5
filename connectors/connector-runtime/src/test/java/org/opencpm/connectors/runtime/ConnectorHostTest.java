package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryDeliveryQueue;

class ConnectorHostTest {

    @TempDir
    Path dir;

    @Test
    void a_connector_whose_configuration_is_incomplete_keeps_only_the_purposes_it_asked_for_while_it_waits() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("needs-url.properties"), "enabled=true\npurposes=marketing-sms\n"); // no url
        try (ConnectorHost host = ConnectorHost.startEmbedded(RuntimeSettings.of(dir.resolve("plugins"), conf, "node-a"),
                new InMemoryDeliveryQueue(), (subject, types) -> List.of(), Clock.systemUTC(), List.of(new NeedsUrl()))) {

            assertThat(host.connectors()).singleElement().extracting(ConnectorInfo::state).isEqualTo(ConnectorInfo.State.FAILED);
            assertThat(host.subscribersOf(change("marketing-sms"))).as("its changes wait for it").containsExactly("needs-url");
            assertThat(host.subscribersOf(change("marketing-email"))).as("a purpose it did not ask for").isEmpty();
        }
    }

    private static ConsentChange change(String purpose) {
        return new ConsentChange(SubjectId.of("sub_1"), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of(purpose)),
                Optional.of(ConsentState.GRANTED), Preferences.none(), 1, Instant.now(), false, "evt-1");
    }

    /** A connector that cannot run without a url. */
    static final class NeedsUrl implements ChannelConnector {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("needs-url", "Needs a url", "1.0.0", Set.of(),
                    List.of(ConfigKey.required("url", "where to send")), 1, 0);
        }

        @Override
        public RouteBuilder routes(ConnectorContext context) {
            throw new AssertionError("never built: its configuration is incomplete");
        }
    }
}
