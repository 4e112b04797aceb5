package org.opencpm.connectors.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorDescriptor;

/**
 * Reads {@code conf/connectors/<id>.properties}. A value written {@code env:NAME} is read from the
 * environment variable {@code NAME}, so secrets need not sit in the file. The keys the descriptor
 * marks secret are never shown.
 */
final class ConnectorConfigs {

    private ConnectorConfigs() {
    }

    static ConnectorConfig load(Path configDir, ConnectorDescriptor descriptor, Function<String, String> environment) {
        Path file = configDir.resolve(descriptor.id() + ".properties");
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key).strip();
                if (value.startsWith("env:")) {
                    String variable = value.substring(4);
                    String fromEnvironment = environment.apply(variable);
                    if (fromEnvironment == null) {
                        throw new IllegalStateException("configuration key '" + key + "' of connector " + descriptor.id()
                                + " names the environment variable " + variable + ", which is not set");
                    }
                    value = fromEnvironment;
                }
                values.put(key, value);
            }
        }
        Set<String> secrets = new HashSet<>();
        descriptor.configKeys().stream().filter(ConnectorDescriptor.ConfigKey::secret).forEach(key -> secrets.add(key.name()));
        return new ConnectorConfig(values, secrets);
    }

    /**
     * What the connector's file subscribes it to, read without resolving anything (so that a
     * connector whose secret variables are not set, or whose plugin is disabled, still is what its
     * file says): the purposes it names (empty: all), or nothing when it does not say
     * {@code enabled=true}.
     */
    static Optional<Set<String>> subscriptionInFile(Path configDir, String connectorId) {
        Properties file = fileOf(configDir, connectorId);
        if (!Boolean.parseBoolean(file.getProperty(ConnectorApi.ENABLED, "false").strip())) {
            return Optional.empty();
        }
        return Optional.of(purposes(file.getProperty(ConnectorApi.PURPOSES)));
    }

    /** A comma-separated list of purpose codes; empty (all purposes) when there is none. */
    static Set<String> purposes(String list) {
        if (list == null) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The digest of the connector's file as it is now ({@link ConfigFingerprint#NONE} when there is none). */
    static ConfigFingerprint fingerprint(Path configDir, String connectorId) {
        Properties file = fileOf(configDir, connectorId);
        Map<String, String> raw = new HashMap<>();
        file.stringPropertyNames().forEach(key -> raw.put(key, file.getProperty(key)));
        return ConfigFingerprint.of(raw);
    }

    /** The connector's file as it is, or nothing when it is missing or unreadable. */
    private static Properties fileOf(Path configDir, String connectorId) {
        Path file = configDir.resolve(connectorId + ".properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                return new Properties();
            }
        }
        return properties;
    }

    /** The required keys the configuration lacks. */
    static Set<String> missing(ConnectorDescriptor descriptor, ConnectorConfig config) {
        Set<String> missing = new HashSet<>();
        descriptor.configKeys().stream().filter(ConnectorDescriptor.ConfigKey::required)
                .filter(key -> config.get(key.name()).isEmpty())
                .forEach(key -> missing.add(key.name()));
        return missing;
    }
}
