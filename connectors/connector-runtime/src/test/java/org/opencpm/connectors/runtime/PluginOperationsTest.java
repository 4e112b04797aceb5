package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Operating plugins on a running host with real plugin zips: an upgrade (a newer zip beside the
 * old one, or over it) replaces the running version on reload, a removed zip unloads its plugin
 * for good, a changed configuration is applied by reload, and {@link ConnectorHost#plugins()}
 * says when the folder or a configuration is not what runs.
 */
class PluginOperationsTest {

    @TempDir
    Path dir;
    private Path plugins;
    private Path conf;
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(Instant::now);

    @BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("versioned.properties"), "enabled=true\n");
    }

    private ConnectorHost start() {
        return ConnectorHost.start(RuntimeSettings.of(plugins, conf, "node-a"), queue, queue, (subject, types) -> List.of(),
                new InboundCommands(), Clock.systemUTC());
    }

    @Test
    void a_newer_zip_beside_the_old_one_replaces_it_on_reload_and_the_changes_waiting_meanwhile_are_delivered() throws Exception {
        PluginFiles.versioned(plugins.resolve("versioned-1.0.0.zip"), "1.0.0");
        try (ConnectorHost host = start()) {
            assertThat(connector(host).version()).isEqualTo("1.0.0");
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.STARTED);

            PluginFiles.versioned(plugins.resolve("versioned-1.1.0.zip"), "1.1.0");
            assertThat(plugin(host).state()).as("the folder holds another version than runs").isEqualTo(PluginInfo.State.RELOAD_NEEDED);
            assertThat(plugin(host).problem()).hasValueSatisfying(p -> assertThat(p).contains("1.1.0").contains("plugins:reload"));
            List<Long> waiting = List.of(enqueue("sub_1", 1), enqueue("sub_2", 1), enqueue("sub_1", 2));

            PluginReload reload = host.reloadPlugins();

            assertThat(reload.upgraded()).containsExactly("versioned");
            assertThat(reload.started()).containsExactly("versioned");
            assertThat(reload.added()).isEmpty();
            assertThat(plugin(host).version()).isEqualTo("1.1.0");
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.STARTED);
            assertThat(connector(host).version()).as("the new jar's code runs").isEqualTo("1.1.0");
            assertThat(connector(host).state()).isEqualTo(ConnectorInfo.State.RUNNING);
            assertThat(host.subscribersOf(change("sub_3", 1))).containsExactly("versioned");
            host.wakeUp("versioned");
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream().allMatch(this::delivered));
            assertThat(unpacked()).as("only the running version stays unpacked").hasSize(1);
        }
        try (ConnectorHost restarted = start()) {
            assertThat(connector(restarted).version()).as("the highest version wins at a restart too").isEqualTo("1.1.0");
        }
    }

    @Test
    void a_zip_replaced_under_the_same_name_is_the_new_version_after_reload() throws Exception {
        PluginFiles.versioned(plugins.resolve("versioned.zip"), "1.0.0");
        try (ConnectorHost host = start()) {
            PluginFiles.versioned(plugins.resolve("versioned.zip"), "2.0.0");

            assertThat(host.reloadPlugins().upgraded()).containsExactly("versioned");

            assertThat(connector(host).version()).isEqualTo("2.0.0");
            assertThat(plugin(host).version()).isEqualTo("2.0.0");
        }
    }

    @Test
    void a_deleted_zip_unloads_its_plugin_on_reload_and_nothing_of_it_comes_back_at_a_restart() throws Exception {
        Path zip = PluginFiles.versioned(plugins.resolve("versioned.zip"), "1.0.0");
        // A folder an older OpenCPM unpacked beside its zip is no plugin either.
        Files.createDirectories(plugins.resolve("versioned-old/lib"));
        Files.writeString(plugins.resolve("versioned-old/plugin.properties"), "plugin.id=versioned\nplugin.version=0.9.0\n");
        try (ConnectorHost host = start()) {
            assertThat(plugin(host).version()).isEqualTo("1.0.0");
            Files.delete(zip);
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.RELOAD_NEEDED);

            PluginReload reload = host.reloadPlugins();

            assertThat(reload.removed()).containsExactly("versioned");
            assertThat(host.plugins()).isEmpty();
            assertThat(host.connectors()).isEmpty();
            assertThat(host.subscribersOf(change("sub_1", 1))).as("no change waits for a removed plugin").isEmpty();
            assertThat(unpacked()).isEmpty();
        }
        try (ConnectorHost restarted = start()) {
            assertThat(restarted.plugins()).isEmpty();
            assertThat(restarted.connectors()).isEmpty();
        }
    }

    @Test
    void a_changed_configuration_shows_until_a_reload_applies_it() throws Exception {
        PluginFiles.versioned(plugins.resolve("versioned.zip"), "1.0.0");
        Files.writeString(conf.resolve("versioned.properties"), "enabled=false\n");
        try (ConnectorHost host = start()) {
            assertThat(connector(host).state()).isEqualTo(ConnectorInfo.State.DISABLED);
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.STARTED);

            Files.writeString(conf.resolve("versioned.properties"), "enabled=true\npurposes=marketing-sms\n");
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.RELOAD_NEEDED);
            assertThat(plugin(host).problem()).hasValueSatisfying(p -> assertThat(p).contains("configuration of connector versioned"));
            assertThat(connector(host).state()).as("not applied yet").isEqualTo(ConnectorInfo.State.DISABLED);

            PluginReload reload = host.reloadPlugins();

            assertThat(reload.reconfigured()).containsExactly("versioned");
            assertThat(reload.upgraded()).isEmpty();
            assertThat(connector(host).state()).isEqualTo(ConnectorInfo.State.RUNNING);
            assertThat(plugin(host).state()).isEqualTo(PluginInfo.State.STARTED);
            assertThat(host.subscribersOf(change("sub_1", 1))).containsExactly("versioned");
            assertThat(host.reloadPlugins().reconfigured()).as("nothing changed since").isEmpty();

            Files.writeString(conf.resolve("versioned.properties"), "enabled=true\nparallelism=many\n");
            PluginReload refused = host.reloadPlugins();

            assertThat(refused.failed()).containsExactly("versioned");
            assertThat(connector(host).state()).isEqualTo(ConnectorInfo.State.FAILED);
            assertThat(plugin(host).state()).as("a plugin whose connector failed is not 'started'").isEqualTo(PluginInfo.State.FAILED);
            assertThat(plugin(host).problem()).hasValueSatisfying(p -> assertThat(p).contains("versioned").contains("'parallelism'"));
        }
    }

    private long enqueue(String subject, long version) {
        return queue.offer(change(subject, version), "versioned").id();
    }

    private boolean delivered(long id) {
        return queue.all().stream().anyMatch(d -> d.id() == id && d.status() == DeliveryStatus.DELIVERED);
    }

    private List<Path> unpacked() throws IOException {
        Path folder = plugins.resolve(PluginFolder.UNPACKED);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }

    private static PluginInfo plugin(ConnectorHost host) {
        return host.plugins().stream().filter(p -> p.id().equals("versioned")).findFirst().orElseThrow();
    }

    private static ConnectorInfo connector(ConnectorHost host) {
        return host.connectors().stream().filter(c -> c.id().equals("versioned")).findFirst().orElseThrow();
    }

    private static ConsentChange change(String subject, long version) {
        return new ConsentChange(SubjectId.of(subject), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing-sms")),
                Optional.of(ConsentState.GRANTED), Preferences.none(), version, Instant.parse("2026-01-01T00:00:00Z"), false,
                "evt-" + subject + "-" + version);
    }
}
