/**
 * Outbound ports: what the use cases need from the world, named for the need
 * ({@code ConsentStore}, {@code AuditTrail}, {@code Outbox}, {@code Clock}, {@code IdentityVault}),
 * never for a technology. Adapters implement them; the test fixtures implement all of them in memory.
 */
package org.opencpm.application.port.out;
