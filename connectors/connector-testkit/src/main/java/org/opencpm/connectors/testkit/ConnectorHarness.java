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
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.SendReceipt;
import org.opencpm.connectors.api.SubjectIdentifier;

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
 *
 * <p>{@link Builder#start()} returns only once the connector runs: when it fails to start (its
 * {@code start} threw or hung, its configuration was refused) or is disabled, {@code start()}
 * throws an {@link IllegalStateException} carrying the host's reason, so a test fails at once with
 * that reason instead of waiting for deliveries that never come.
 *
 * <p>Everything the harness shows is the SPI's or the kit's own ({@link HarnessDelivery},
 * {@link CallbackResult}): a partner's tests compile against nothing else of OpenCPM.
 */
public final class ConnectorHarness implements AutoCloseable {

    private final WireMockServer platform;
    private final HostedConnector host;
    private final String connectorId;
    private final Path configDir;
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler capture;

    private ConnectorHarness(ChannelConnector connector, Map<String, String> config, HostedConnector.Retries retries, Clock clock) {
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
            stopCapturing();
            throw new UncheckedIOException(e);
        }
        try {
            this.host = new HostedConnector(connector, configDir, retries, clock);
        } catch (RuntimeException e) {
            stopCapturing();
            throw e;
        }
    }

    /** Stops the platform and the log capture: on close, and when the connector could not be started. */
    private void stopCapturing() {
        platform.stop();
        Logger.getLogger("").removeHandler(capture);
    }

    public static Builder of(ChannelConnector connector) {
        return new Builder(connector);
    }

    /** Configures and starts a harness. */
    public static final class Builder {
        private final ChannelConnector connector;
        private final Map<String, String> config = new LinkedHashMap<>();
        private HostedConnector.Retries retries = HostedConnector.Retries.FAST;
        private Clock clock = Clock.systemUTC();

        private Builder(ChannelConnector connector) {
            this.connector = connector;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Retries as the host would make them with these {@code retry.*} settings rather than the kit's fast ones. */
        public Builder policy(int maxAttempts, Duration base, Duration max) {
            this.retries = new HostedConnector.Retries(maxAttempts, base, max);
            return this;
        }

        /**
         * The clock the host runs on, the system's by default: what the connector reads from
         * {@code context.clock()} (a signature's timestamp, say) and what the runtime records (when a
         * change was made, when a retry is due). Pin it to check such values exactly. Waits (a
         * platform's Retry-After pause, the rate limit) still last their real time.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the platform and the connector.
         *
         * @throws IllegalStateException with the host's reason when the connector does not come up running
         */
        public ConnectorHarness start() {
            return new ConnectorHarness(connector, config, retries, clock);
        }
    }

    /** The platform's stand-in. */
    public WireMockServer platform() {
        return platform;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + platform.port();
    }

    /** Gives {@code subjectId} these identifiers (the connector gets the types it asked for). */
    public ConnectorHarness identify(String subjectId, SubjectIdentifier... ids) {
        host.identify(subjectId, List.of(ids));
        return this;
    }

    /** A grant for the connector to carry, as a committed consent change would be. */
    public HarnessDelivery grant(String subjectId, String purpose, long version) {
        return host.enqueue(subjectId, purpose, true, version);
    }

    /** A withdrawal for the connector to carry, as a committed consent change would be. */
    public HarnessDelivery withdraw(String subjectId, String purpose, long version) {
        return host.enqueue(subjectId, purpose, false, version);
    }

    /**
     * The person's erasure for the connector to carry (SPI 1.4.0, {@code Kind.ERASURE}), as the
     * host sends it after withdrawing each of their consents: the platform must delete or untag what
     * it holds of them, found by their {@link #identify identifiers}.
     */
    public HarnessDelivery erase(String subjectId, long version) {
        return host.enqueueErasure(subjectId, version);
    }

    /**
     * Runs the connector's {@link org.opencpm.connectors.api.Reconciler} now, on this thread, as the
     * host's schedule would: against everyone whose latest {@link #grant} of one of the
     * connector's purposes (all purposes named so far when it has no {@code purposes} key) is not
     * undone by a later {@link #withdraw}, with their {@link #identify identifiers} of the types it
     * declares. Runs whatever {@code reconcile.intervalHours} says.
     *
     * @return how many people the audience held
     * @throws IllegalStateException with the host's reason (secrets scrubbed) when the connector has
     *         no reconciler or the run failed
     */
    public long reconcile() {
        return host.reconcile();
    }

    /**
     * Hands {@code request} to the connector through the host, as a callback to
     * {@code /hooks/<id>/<path>} is: the events the host would record (each with the platform's id,
     * or refused — without an id, with a phone that is no phone…) and the answer to render once they
     * were. Empty when the connector takes no callbacks.
     */
    public Optional<CallbackResult> callback(InboundRequest request) {
        return host.callback(request);
    }

    /**
     * The connector's {@link MessageSender} as the host calls it once a send permit is granted: under
     * the plugin's class loader, its reasons scrubbed of secrets and of the recipient, a sender that
     * throws read as {@link SendReceipt.Unavailable}. Empty when the connector sends no messages.
     * The harness asks for no permit: it stands for a host that was granted one.
     */
    public Optional<MessageSender> sender() {
        return host.sender();
    }

    /** Waits (up to 30 s) until nothing is pending or in flight: every change delivered or dead. */
    public void awaitSettled() {
        awaitSettled(Duration.ofSeconds(30));
    }

    public void awaitSettled(Duration atMost) {
        await("deliveries of " + connectorId + " settled").atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> host.deliveries().stream().noneMatch(d -> d.status() == HarnessDelivery.Status.PENDING
                        || d.status() == HarnessDelivery.Status.IN_FLIGHT));
    }

    /** When delivery {@code id} is (or was last) due, on the harness's clock: for the conformance suite. */
    Optional<Instant> dueAt(long id) {
        return host.dueAt(id);
    }

    /** Every change handed to the connector, in the order they were made. */
    public List<HarnessDelivery> deliveries() {
        return host.deliveries();
    }

    /** The changes in the dead-letter store. */
    public List<HarnessDelivery> dead() {
        return host.deliveries().stream().filter(d -> d.status() == HarnessDelivery.Status.DEAD).toList();
    }

    /** Replays every dead delivery, as an operator would after fixing the platform. */
    public int replayDead() {
        return host.replayDead();
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
        for (HarnessDelivery delivery : host.deliveries()) {
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
            stopCapturing();
        }
    }
}
