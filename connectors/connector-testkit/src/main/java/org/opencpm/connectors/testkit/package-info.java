/**
 * The connector test kit: {@link org.opencpm.connectors.testkit.ConnectorHarness} runs a plugin's
 * connector in OpenCPM's own runtime (the same dispatcher, retries, batching and dead-letter
 * store) against a WireMock server standing in for the platform, and
 * {@link org.opencpm.connectors.testkit.ConnectorConformanceTest} is the suite every connector
 * passes: per-subject order, retry on 5xx, retry on 429 after its Retry-After, dead letter on 4xx
 * and replay, batching, and no secret in any log line.
 *
 * <p>Its public types name nothing of OpenCPM but the SPI and the kit itself
 * ({@link org.opencpm.connectors.testkit.HarnessDelivery},
 * {@link org.opencpm.connectors.testkit.CallbackResult}); the runtime and the core types it needs
 * stay behind the package-private {@code HostedConnector}, and the module depends on
 * {@code connector-api} and {@code connector-runtime} only (an architecture rule and the enforcer
 * hold it to that).
 */
package org.opencpm.connectors.testkit;
