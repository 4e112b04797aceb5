package org.opencpm.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SPI's public surface cannot change without a new {@link ConnectorApi#VERSION}: the surface
 * of the compiled SPI must be exactly the one recorded for the current version in
 * {@code src/test/resources/spi/<version>.txt}, and each recorded version must keep what the one
 * before it in the same major version had (a minor version only adds).
 *
 * <p>To change the SPI: change the code, bump {@code VERSION} (minor when you only add, major
 * otherwise), and record the new surface with {@code -Dspi.record=true} on this test (it writes
 * the file for the new version, never over an existing one). Until a version is released, its
 * file may be deleted and recorded again.
 */
public class SpiSignatureTest {

    private static final Path RECORDED = Path.of("src/test/resources/spi");

    @Test
    void the_public_surface_is_the_one_recorded_for_this_version() throws IOException {
        List<String> surface = SpiSurface.ofCompiledSpi();
        Path file = RECORDED.resolve(ConnectorApi.VERSION + ".txt");
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("spi.record")) {
                Files.write(file, surface, StandardCharsets.UTF_8);
                return;
            }
            fail("no surface is recorded for SPI " + ConnectorApi.VERSION + " (" + file + "): run this test with -Dspi.record=true"
                    + " to record it, once VERSION says what changed");
        }
        List<String> recorded = read(file);
        if (!surface.equals(recorded)) {
            fail("the SPI's public surface is not the one recorded for SPI " + ConnectorApi.VERSION + ": bump ConnectorApi.VERSION"
                    + " (minor to add, major to remove or change) and record the new surface with -Dspi.record=true\n"
                    + diff(recorded, surface));
        }
    }

    @Test
    void a_minor_version_only_adds_to_the_one_before() throws IOException {
        TreeMap<Version, List<String>> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(RECORDED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                versions.put(Version.parse(file.getFileName().toString().replaceAll("\\.txt$", "")), read(file));
            }
        }
        assertThat(versions).as("recorded SPI surfaces").containsKey(Version.parse(ConnectorApi.VERSION));
        Map.Entry<Version, List<String>> before = null;
        for (Map.Entry<Version, List<String>> version : versions.entrySet()) {
            if (before != null && before.getKey().major() == version.getKey().major()) {
                List<String> lost = new ArrayList<>(before.getValue());
                lost.removeAll(version.getValue());
                assertThat(lost).as("what SPI " + version.getKey() + " lost of " + before.getKey() + " (a change or a removal needs a"
                        + " new major version)").isEmpty();
            }
            before = version;
        }
    }

    @Test
    void adding_a_public_member_shows_as_a_change_of_the_surface() {
        List<String> spi = SpiSurface.of(List.of(ConnectorApi.class, Hmac.class));
        List<String> withOneMore = SpiSurface.of(List.of(ConnectorApi.class, Hmac.class, OneMore.class));
        assertThat(withOneMore).containsAll(spi).hasSizeGreaterThan(spi.size());
        assertThat(SpiSurface.of(List.of(OneMore.class))).anySatisfy(line -> assertThat(line).endsWith("added()"));
    }

    /** Stands for a type someone adds to the SPI. */
    public static final class OneMore {
        public void added() {
        }
    }

    private static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).sorted().toList();
    }

    private static String diff(List<String> recorded, List<String> surface) {
        StringBuilder out = new StringBuilder();
        recorded.stream().filter(line -> !surface.contains(line)).forEach(line -> out.append("- ").append(line).append('\n'));
        surface.stream().filter(line -> !recorded.contains(line)).forEach(line -> out.append("+ ").append(line).append('\n'));
        return out.toString();
    }

    record Version(int major, int minor, int patch) implements Comparable<Version> {
        static Version parse(String text) {
            String[] parts = text.split("\\.");
            return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        @Override
        public int compareTo(Version other) {
            return Comparator.comparingInt(Version::major).thenComparingInt(Version::minor).thenComparingInt(Version::patch)
                    .compare(this, other);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }
}
