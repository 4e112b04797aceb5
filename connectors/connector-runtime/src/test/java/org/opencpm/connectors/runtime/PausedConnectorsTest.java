package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PausedConnectorsTest {

    @TempDir
    Path plugins;

    @Test
    void the_connectors_of_a_disabled_plugin_are_remembered_across_restarts_until_it_is_enabled() {
        new PausedConnectors(plugins).pause("acme", Set.of("acme-crm", "acme-sms"));
        new PausedConnectors(plugins).pause("other", Set.of("other-crm"));

        PausedConnectors afterRestart = new PausedConnectors(plugins);
        assertThat(afterRestart.of("acme")).containsExactlyInAnyOrder("acme-crm", "acme-sms");
        assertThat(afterRestart.of("other")).containsExactly("other-crm");

        afterRestart.resume("acme");
        assertThat(new PausedConnectors(plugins).of("acme")).isEmpty();
        assertThat(new PausedConnectors(plugins).of("other")).containsExactly("other-crm");

        afterRestart.resume("other");
        assertThat(plugins.resolve(PausedConnectors.FILE)).as("no file once nothing is paused").doesNotExist();
    }

    @Test
    void pausing_a_plugin_again_replaces_the_connectors_it_had() {
        PausedConnectors paused = new PausedConnectors(plugins);
        paused.pause("acme", Set.of("acme-crm", "acme-sms"));
        paused.pause("acme", Set.of("acme-crm"));
        assertThat(paused.of("acme")).containsExactly("acme-crm");
    }

    @Test
    void what_a_connectors_file_subscribes_it_to_is_read_without_resolving_secrets() throws Exception {
        Path conf = Files.createDirectories(plugins.resolve("conf"));
        Files.writeString(conf.resolve("acme-crm.properties"), "enabled=true\nsecret=env:UNSET_VARIABLE\npurposes= marketing-sms, ,marketing-email\n");
        Files.writeString(conf.resolve("off.properties"), "enabled=false\npurposes=marketing-sms\n");
        assertThat(ConnectorConfigs.subscriptionInFile(conf, "acme-crm").orElseThrow())
                .containsExactlyInAnyOrder("marketing-sms", "marketing-email");
        assertThat(ConnectorConfigs.subscriptionInFile(conf, "off")).as("not enabled").isEmpty();
        assertThat(ConnectorConfigs.subscriptionInFile(conf, "missing")).as("no file").isEmpty();
    }
}
