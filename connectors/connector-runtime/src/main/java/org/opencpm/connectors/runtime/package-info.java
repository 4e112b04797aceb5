/**
 * The connector runtime. {@link org.opencpm.connectors.runtime.ConnectorHost} is what the
 * application sees; each of its parts has one job:
 * <ul>
 *   <li>{@link org.opencpm.connectors.runtime.PluginLifecycle} — PF4J: loads the plugins
 *       {@link org.opencpm.connectors.runtime.PluginFolder} picks from the plugins folder (host
 *       packages parent-first), starts, upgrades, removes, disables and enables them;</li>
 *   <li>{@link org.opencpm.connectors.runtime.ConnectorLauncher} — turns a connector and its
 *       configuration (the host's keys checked by {@link org.opencpm.connectors.runtime.HostSettings})
 *       into a route and a dispatcher, or a connector that says why it does not run;</li>
 *   <li>{@link org.opencpm.connectors.runtime.ConnectorRegistry} — every
 *       {@link org.opencpm.connectors.runtime.Connector} and its state;</li>
 *   <li>{@link org.opencpm.connectors.runtime.CamelTransport} — the host-owned Camel context and
 *       HTTP set-up the routes run in;</li>
 *   <li>{@link org.opencpm.connectors.runtime.Dispatcher} — per running connector, claims its
 *       deliveries in per-subject order and sends them, throttled and batched, retrying with
 *       back-off ({@link org.opencpm.connectors.runtime.RedeliveryPolicy}) until delivered or dead;</li>
 *   <li>{@link org.opencpm.connectors.runtime.ReceiptHousekeeping} — the hourly purge of old receipts.</li>
 * </ul>
 * A plugin that throws or hangs is marked failed and isolated; the others run on.
 *
 * <p>Depends on: the application's ports, the connector API, PF4J and Camel. Never on another adapter.
 */
package org.opencpm.connectors.runtime;
