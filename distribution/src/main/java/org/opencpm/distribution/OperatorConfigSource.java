package org.opencpm.distribution;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The operator's configuration file, {@code <opencpm.home>/conf/opencpm.properties} (UTF-8). It
 * overrides the built-in defaults and is overridden by environment variables and system
 * properties (ordinal 250, between the defaults' 100 and the environment's 300).
 */
public final class OperatorConfigSource implements ConfigSource {

    public static final String HOME_PROPERTY = "opencpm.home";
    private static final int ORDINAL = 250;

    private final Map<String, String> properties;
    private final String name;

    public OperatorConfigSource() {
        String home = System.getProperty(HOME_PROPERTY);
        Path file = home == null ? null : Path.of(home, "conf", "opencpm.properties");
        this.name = "OpenCPM operator configuration (" + (file == null ? "none" : file) + ")";
        this.properties = file == null || !Files.isRegularFile(file) ? Map.of() : read(file);
    }

    private static Map<String, String> read(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> map = new HashMap<>();
        loaded.stringPropertyNames().forEach(key -> map.put(key, loaded.getProperty(key).strip()));
        return Map.copyOf(map);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
