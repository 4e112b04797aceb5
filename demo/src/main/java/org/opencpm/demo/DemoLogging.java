package org.opencpm.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The demo's own {@code java.util.logging} configuration, {@code logging.properties} in the demo folder: the
 * installation's ({@code conf/logging.properties}, same handlers, levels and filters) with its rotating file moved into
 * the demo folder's {@code logs/}. The installation's file names a path relative to the installation folder, so a demo
 * run with it would write its records into the real server's {@code logs/}, among (and rotating away) the real ones.
 */
final class DemoLogging {

    static final String PATTERN = "java.util.logging.FileHandler.pattern";

    private DemoLogging() {
    }

    /** Writes {@code dir/logging.properties} (and makes {@code dir/logs/}); answers the file. */
    static Path write(Path home, Path dir) throws IOException {
        Properties config = new Properties();
        Path installation = home.resolve("conf").resolve("logging.properties");
        if (Files.exists(installation)) {
            try (Reader in = Files.newBufferedReader(installation, StandardCharsets.UTF_8)) {
                config.load(in);
            }
        } else {
            config.setProperty("handlers", "java.util.logging.FileHandler");
            config.setProperty("java.util.logging.FileHandler.formatter", "java.util.logging.SimpleFormatter");
            config.setProperty("java.util.logging.FileHandler.encoding", "UTF-8");
        }
        if (!config.getProperty("handlers", "").contains("java.util.logging.FileHandler")) {
            String handlers = config.getProperty("handlers", "").strip();
            config.setProperty("handlers", handlers.isEmpty() ? "java.util.logging.FileHandler" : handlers + ", java.util.logging.FileHandler");
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        // FileHandler patterns give '%' a meaning ("%g" the generation): a '%' of the path itself is written "%%".
        config.setProperty(PATTERN, logs.toAbsolutePath().toString().replace("%", "%%") + "/opencpm.%g.log");
        config.setProperty("java.util.logging.FileHandler.append", "true");
        Path file = dir.resolve("logging.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.store(out, "OpenCPM demo: the installation's logging with its files in this demo folder (rewritten by each demo run)");
        }
        return file;
    }
}
