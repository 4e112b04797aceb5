package org.opencpm.connectors.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.opencpm.connectors.runtime.testplugin.VersionedConnector;

/**
 * Builds real plugin zips of {@link VersionedConnector}, as a partner's build would: {@code
 * plugin.properties} at the root, the jar (its classes, {@code META-INF/extensions.idx} and the
 * version it reports) in {@code lib/}.
 */
final class PluginFiles {

    private PluginFiles() {
    }

    /** Writes the plugin zip of {@code version} at {@code zip}. */
    static Path versioned(Path zip, String version) throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(jar)) {
            Path classes = classesOf(VersionedConnector.class);
            String pkg = VersionedConnector.class.getPackageName().replace('.', '/');
            try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("VersionedConnector")).toList()) {
                    put(out, pkg + "/" + file.getFileName(), Files.readAllBytes(file));
                }
            }
            put(out, "META-INF/extensions.idx", (VersionedConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            put(out, "versioned.version", version.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            put(out, "plugin.properties", String.join("\n", List.of("plugin.id=versioned", "plugin.version=" + version,
                    "plugin.provider=tests", "plugin.requires=>=1.0.0 & <2.0.0", "")).getBytes(StandardCharsets.UTF_8));
            put(out, "lib/versioned-" + version + ".jar", jar.toByteArray());
        }
        return zip;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
