package org.opencpm.connectors.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The connectors of plugins an operator disabled, kept in {@value #FILE} in the plugins folder
 * (beside PF4J's own {@code disabled.txt}): a disabled plugin is not started, so after a restart
 * its connectors would be unknown, and the changes made meanwhile would not wait for them. Each
 * line names a connector and its plugin.
 */
final class PausedConnectors {

    static final String FILE = "paused-connectors.properties";

    private final Path file;

    PausedConnectors(Path pluginsDir) {
        this.file = pluginsDir.resolve(FILE);
    }

    /** The connectors of {@code pluginId} that were paused with it. */
    Set<String> of(String pluginId) {
        return read().entrySet().stream().filter(e -> e.getValue().equals(pluginId)).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Remembers that {@code pluginId}'s connectors are now exactly {@code connectorIds}, paused. */
    void pause(String pluginId, Set<String> connectorIds) {
        Map<String, String> paused = read();
        paused.values().removeIf(pluginId::equals);
        connectorIds.forEach(id -> paused.put(id, pluginId));
        write(paused);
    }

    /** Forgets the connectors of {@code pluginId}: it runs again. */
    void resume(String pluginId) {
        Map<String, String> paused = read();
        if (paused.values().removeIf(pluginId::equals)) {
            write(paused);
        }
    }

    private Map<String, String> read() {
        Map<String, String> paused = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return paused;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        properties.stringPropertyNames().forEach(id -> paused.put(id, properties.getProperty(id).strip()));
        return paused;
    }

    private void write(Map<String, String> paused) {
        try {
            if (paused.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path next = file.resolveSibling(FILE + ".next");
            try (Writer writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                writer.write("# Connectors whose plugin is disabled (connector=plugin): OpenCPM keeps their changes until the plugin\n");
                writer.write("# is enabled again (POST /api/v1/plugins/{id}:enable). Written by OpenCPM.\n");
                for (Map.Entry<String, String> entry : paused.entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
