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
    void the_purposes_of_a_connector_are_read_from_its_file_without_resolving_secrets() throws Exception {
        Path conf = Files.createDirectories(plugins.resolve("conf"));
        Files.writeString(conf.resolve("acme-crm.properties"), "enabled=true\nsecret=env:UNSET_VARIABLE\npurposes= marketing-sms, ,marketing-email\n");
        assertThat(ConnectorConfigs.enabledInFile(conf, "acme-crm")).isTrue();
        assertThat(ConnectorConfigs.purposesInFile(conf, "acme-crm")).containsExactlyInAnyOrder("marketing-sms", "marketing-email");
        assertThat(ConnectorConfigs.purposesInFile(conf, "missing")).isEmpty();
    }
}
