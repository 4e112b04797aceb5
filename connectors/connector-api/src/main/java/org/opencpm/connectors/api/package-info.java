/**
 * The connector SPI: what a partner's plugin implements ({@link org.opencpm.connectors.api.ChannelConnector})
 * and the records it exchanges with OpenCPM ({@link org.opencpm.connectors.api.ConsentChange},
 * {@link org.opencpm.connectors.api.ConsentCommand}…). These are the plugin's own stable types:
 * OpenCPM's domain can change without breaking a compiled plugin.
 *
 * <p>Versioned semantically as {@link org.opencpm.connectors.api.ConnectorApi#VERSION}: a minor
 * version only adds, a major one may break. The host supplies this package, {@code org.pf4j},
 * {@code org.apache.camel} and {@code jakarta.json} to plugins (parent-first); a plugin declares
 * them {@code provided} and bundles nothing of them.
 */
package org.opencpm.connectors.api;
