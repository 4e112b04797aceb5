package org.opencpm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo hands its OpenCPM child, and the files it keeps in its folder. */
class DemoSetupTest {

    @Test
    @DisplayName("The caller's OPENCPM_JAVA_OPTS may not choose a database; the demo's loopback host, port and log config come last")
    void java_options() throws Exception {
        assertThatThrownBy(() -> Demo.refuseDatabaseOptions("-Xmx1g -Dopencpm.db.url=jdbc:postgresql://prod/opencpm"))
                .isInstanceOf(Demo.DemoException.class).hasMessageContaining("opencpm.db.").hasMessageContaining("OPENCPM_JAVA_OPTS");
        Demo.refuseDatabaseOptions(null);
        Demo.refuseDatabaseOptions("-Xmx1g -Dopencpm.send.curfew.enabled=true");

        String options = Demo.javaOpts("-Dopencpm.http.host=0.0.0.0 -Dserver.host=0.0.0.0 -Dserver.port=9", 18080, Path.of("/tmp/d/logging.properties"));
        assertThat(options).startsWith("-Dopencpm.http.host=0.0.0.0");
        // The JVM keeps the last of two equal -D options: the demo's must follow the caller's.
        assertThat(options.lastIndexOf("-Dopencpm.http.host=127.0.0.1")).isGreaterThan(options.indexOf("-Dopencpm.http.host=0.0.0.0"));
        assertThat(options.lastIndexOf("-Dserver.host=127.0.0.1")).isGreaterThan(options.indexOf("-Dserver.host=0.0.0.0"));
        assertThat(options.lastIndexOf("-Dserver.port=18080")).isGreaterThan(options.indexOf("-Dserver.port=9"));
        assertThat(last(options, "opencpm.http.host")).isEqualTo("127.0.0.1");
        assertThat(last(options, "server.host")).isEqualTo("127.0.0.1");
        assertThat(last(options, "java.util.logging.config.file")).isEqualTo("/tmp/d/logging.properties");
        assertThatThrownBy(() -> Demo.javaOpts("", 18080, Path.of("/tmp/my demo/logging.properties")))
                .isInstanceOf(Demo.DemoException.class).hasMessageContaining("OPENCPM_DEMO_DIR");
    }

    /** The value the JVM sees for {@code -Dname}: the last one. */
    private static String last(String options, String name) {
        return Stream.of(options.split("\\s+")).filter(o -> o.startsWith("-D" + name + "=")).reduce((a, b) -> b)
                .map(o -> o.substring(name.length() + 3)).orElse(null);
    }

    @Test
    @DisplayName("The demo's log configuration keeps the installation's handlers but writes its files in the demo folder")
    void logging(@TempDir Path work) throws Exception {
        Path home = work.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/logging.properties"), """
                handlers=org.opencpm.distribution.logging.ForegroundConsoleHandler, java.util.logging.FileHandler
                java.util.logging.FileHandler.pattern=logs/opencpm.%g.log
                org.opencpm.level=INFO
                """);
        Path dir = work.resolve("de%mo");
        Files.createDirectories(dir);
        Path file = DemoLogging.write(home, dir);
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            config.load(in);
        }
        assertThat(config.getProperty("java.util.logging.FileHandler.pattern")).isEqualTo(work.resolve("de%%mo/logs") + "/opencpm.%g.log");
        assertThat(config.getProperty("handlers")).contains("ForegroundConsoleHandler", "java.util.logging.FileHandler");
        assertThat(config.getProperty("org.opencpm.level")).isEqualTo("INFO");
        assertThat(dir.resolve("logs")).isDirectory();
    }

    @Test
    @DisplayName("demo.properties: written private and whole; a damaged one is refused with a hint to --reset")
    void secrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.properties");
        DemoSecrets made = DemoSecrets.in(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
        assertThat(DemoSecrets.in(file)).isEqualTo(made);

        Files.writeString(file, String.join("\n", Files.readAllLines(file).subList(0, 5)));
        assertThatThrownBy(() -> DemoSecrets.in(file)).isInstanceOf(Demo.DemoException.class).hasMessageContaining("--reset")
                .hasMessageContaining("aliyun.inboundToken");
    }
}
