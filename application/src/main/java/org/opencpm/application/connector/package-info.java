/** Connectors seen from the application: their state and deliveries, dead-letter replay, plugins, and platform callbacks. */
package org.opencpm.application.connector;
