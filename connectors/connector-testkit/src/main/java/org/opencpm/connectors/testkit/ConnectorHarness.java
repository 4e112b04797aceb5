package org.opencpm.connectors.testkit;

import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.runtime.ConnectorHost;
import org.opencpm.connectors.runtime.RedeliveryPolicy;
import org.opencpm.connectors.runtime.RuntimeSettings;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryDeliveryQueue;

/**
 * A connector running in OpenCPM's runtime against a WireMock "platform", for tests:
 *
 * <pre>{@code
 * try (ConnectorHarness harness = ConnectorHarness.of(new MyConnector()).config("secret", "s3cret").start()) {
 *     harness.platform().stubFor(post("/events").willReturn(ok()));
 *     harness.identify("sub_1", SubjectIdentifier.of("phone", "+8613800138000"));
 *     harness.grant("sub_1", "marketing-sms", 1);
 *     harness.awaitSettled();
 *     harness.platform().verify(postRequestedFor(urlEqualTo("/events")));
 * }
 * }</pre>
 *
 * The connector's configuration gets {@code enabled=true} and {@code baseUrl} pointing at the
 * WireMock server; a value containing {@code ${baseUrl}} has it replaced. Retries are fast
 * (50 ms, doubling, at most 5 attempts) unless {@link Builder#policy} says otherwise. Everything
 * logged while the harness runs is kept ({@link #logs()}).
 */
public final class ConnectorHarness implements AutoCloseable {

    private final WireMockServer platform;
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    private final Map<String, List<SubjectIdentifier>> identifiers = new ConcurrentHashMap<>();
    private final ConnectorHost host;
    private final String connectorId;
    private final Path configDir;
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler capture;

    private ConnectorHarness(ChannelConnector connector, Map<String, String> config, RedeliveryPolicy policy) {
        this.platform = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        this.connectorId = connector.descriptor().id();
        this.capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logs.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        try {
            this.configDir = Files.createTempDirectory("opencpm-connector-config");
            Properties properties = new Properties();
            properties.setProperty(ConnectorApi.ENABLED, "true");
            properties.setProperty(ConnectorApi.BASE_URL, baseUrl());
            config.forEach((key, value) -> properties.setProperty(key, value.replace("${baseUrl}", baseUrl())));
            try (Writer out = Files.newBufferedWriter(configDir.resolve(connectorId + ".properties"), StandardCharsets.UTF_8)) {
                properties.store(out, "written by ConnectorHarness");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeSettings settings = new RuntimeSettings(configDir.resolve("no-plugins"), configDir, "harness", Duration.ofSeconds(10),
                Duration.ofMillis(10), policy, RuntimeSettings.DEFAULT_RECEIPT_RETENTION);
        this.host = ConnectorHost.startEmbedded(settings, queue,
                (subject, types) -> identifiers.getOrDefault(subject, List.of()).stream().filter(i -> types.contains(i.type())).toList(),
                Clock.systemUTC(), List.of(connector));
    }

    public static Builder of(ChannelConnector connector) {
        return new Builder(connector);
    }

    /** Configures and starts a harness. */
    public static final class Builder {
        private final ChannelConnector connector;
        private final Map<String, String> config = new LinkedHashMap<>();
        private RedeliveryPolicy policy = new RedeliveryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);

        private Builder(ChannelConnector connector) {
            this.connector = connector;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder policy(RedeliveryPolicy policy) {
            this.policy = policy;
            return this;
        }

        public ConnectorHarness start() {
            return new ConnectorHarness(connector, config, policy);
        }
    }

    /** The platform's stand-in. */
    public WireMockServer platform() {
        return platform;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + platform.port();
    }

    /** Whether the connector came up running (not failed or disabled), and why not. */
    public ConnectorHost host() {
        return host;
    }

    /** Gives {@code subjectId} these identifiers (the connector gets the types it asked for). */
    public ConnectorHarness identify(String subjectId, SubjectIdentifier... ids) {
        identifiers.put(subjectId, List.of(ids));
        return this;
    }

    /** A change for the connector to carry, as a committed consent change would be. */
    public Delivery enqueue(String subjectId, String purpose, ConsentState state, long version) {
        ConsentChange change = new ConsentChange(SubjectId.of(subjectId), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of(purpose)),
                Optional.of(state), Preferences.none(), version, Instant.now(), state == ConsentState.WITHDRAWN, "evt-" + subjectId + "-" + version);
        Delivery delivery = queue.offer(change, connectorId);
        host.wakeUp(connectorId);
        return delivery;
    }

    public Delivery grant(String subjectId, String purpose, long version) {
        return enqueue(subjectId, purpose, ConsentState.GRANTED, version);
    }

    public Delivery withdraw(String subjectId, String purpose, long version) {
        return enqueue(subjectId, purpose, ConsentState.WITHDRAWN, version);
    }

    /**
     * Hands {@code request} to the connector through the host, as a callback to
     * {@code /hooks/<id>/<path>} is: the events the host would record (each with the platform's id,
     * or refused — without an id, with a phone that is no phone…) and the answer to render once they
     * were. Empty when the connector takes no callbacks.
     */
    public Optional<InboundOutcome> callback(InboundRequest request) {
        return host.inbound(new CallbackRequest(connectorId, request.path(), request.method(), request.query(), request.headers(),
                request.body()));
    }

    /** Waits (up to 30 s) until nothing is pending or in flight: every change delivered or dead. */
    public void awaitSettled() {
        awaitSettled(Duration.ofSeconds(30));
    }

    public void awaitSettled(Duration atMost) {
        await("deliveries of " + connectorId + " settled").atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> queue.all().stream().noneMatch(d -> d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.INFLIGHT));
    }

    public List<Delivery> deliveries() {
        return queue.all();
    }

    public List<Delivery> dead() {
        return queue.list(connectorId, DeliveryStatus.DEAD, Integer.MAX_VALUE);
    }

    /** Replays every dead delivery, as an operator would after fixing the platform. */
    public int replayDead() {
        int replayed = queue.replay(connectorId, List.of(), Instant.now()).replayed();
        host.wakeUp(connectorId);
        return replayed;
    }

    /** Every log line written while the harness ran, formatted. */
    public List<String> logs() {
        return new ArrayList<>(logs);
    }

    /** Whether any log line or stored error contains one of {@code values}. */
    public boolean leaks(Set<String> values) {
        for (String line : logs) {
            for (String value : values) {
                if (line.contains(value)) {
                    return true;
                }
            }
        }
        for (Delivery delivery : queue.all()) {
            for (String value : values) {
                if (delivery.lastError().map(e -> e.contains(value)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            platform.stop();
            Logger.getLogger("").removeHandler(capture);
        }
    }
}
