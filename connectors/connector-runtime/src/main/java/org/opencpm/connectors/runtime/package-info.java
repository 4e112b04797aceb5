/**
 * The connector runtime: {@link org.opencpm.connectors.runtime.ConnectorHost} loads connector
 * plugins with PF4J from the plugins folder (host packages parent-first), runs their Camel routes
 * in a host-owned context, and gives each running connector a
 * {@link org.opencpm.connectors.runtime.Dispatcher} that claims its deliveries from the outbox in
 * per-subject order and sends them, throttled and batched, retrying with back-off
 * ({@link org.opencpm.connectors.runtime.RedeliveryPolicy}) until delivered or dead. A plugin that
 * throws or hangs is marked failed and isolated; the others run on.
 *
 * <p>Depends on: the application's ports, the connector API, PF4J and Camel. Never on another adapter.
 */
package org.opencpm.connectors.runtime;
