package org.opencpm.connectors.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opencpm.connectors.api.ChannelConnector;

/**
 * The JUnit 5 extension of the kit: each test gets a fresh {@link ConnectorHarness} — the
 * connector in OpenCPM's runtime, a WireMock "platform" on a free loopback port — as a parameter,
 * closed after the test.
 *
 * <pre>{@code
 * class MyConnectorTest {
 *     @RegisterExtension
 *     static ConnectorKit kit = ConnectorKit.of(MyConnector::new).config("appSecret", "s3cret");
 *
 *     @Test
 *     void a_grant_reaches_the_platform(ConnectorHarness harness) {
 *         harness.platform().stubFor(post("/api/consents").willReturn(ok()));
 *         harness.identify("sub_1", SubjectIdentifier.of("phone", "+8613800138000")).grant("sub_1", "marketing-sms", 1);
 *         harness.awaitSettled();
 *         harness.platform().verify(postRequestedFor(urlEqualTo("/api/consents")));
 *     }
 * }
 * }</pre>
 */
public final class ConnectorKit implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConnectorKit.class);

    private final Supplier<? extends ChannelConnector> connectors;
    private final Map<String, String> config = new LinkedHashMap<>();
    private HostedConnector.Retries retries;
    private Clock clock;

    private ConnectorKit(Supplier<? extends ChannelConnector> connectors) {
        this.connectors = Objects.requireNonNull(connectors, "connectors");
    }

    /** A kit making a new connector for each test. */
    public static ConnectorKit of(Supplier<? extends ChannelConnector> connectors) {
        return new ConnectorKit(connectors);
    }

    /** A configuration value for every test ({@code ${baseUrl}} is replaced by the platform's address). */
    public ConnectorKit config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Retries as in production rather than the kit's fast ones. */
    public ConnectorKit policy(int maxAttempts, Duration base, Duration max) {
        this.retries = new HostedConnector.Retries(maxAttempts, base, max);
        return this;
    }

    /** The clock every test's host runs on (see {@link ConnectorHarness.Builder#clock}); the system's by default. */
    public ConnectorKit clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ConnectorHarness.Builder builder = ConnectorHarness.of(connectors.get());
        config.forEach(builder::config);
        if (retries != null) {
            builder.policy(retries.maxAttempts(), retries.base(), retries.max());
        }
        if (clock != null) {
            builder.clock(clock);
        }
        context.getStore(NAMESPACE).put(ConnectorHarness.class, builder.start());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ConnectorHarness harness = context.getStore(NAMESPACE).remove(ConnectorHarness.class, ConnectorHarness.class);
        if (harness != null) {
            harness.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConnectorHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConnectorHarness harness = context.getStore(NAMESPACE).get(ConnectorHarness.class, ConnectorHarness.class);
        if (harness == null) {
            throw new IllegalStateException("the ConnectorKit starts a harness for test methods only (not for @BeforeAll)");
        }
        return harness;
    }
}
