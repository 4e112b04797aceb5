/**
 * The outbox of changes for the connectors, keyed by the audit sequence number of each change
 * (a change no connector subscribes to has no row: nothing would read it, ADR 0025),
 * and the delivery queue: one delivery of each change per subscribed connector, written with the
 * change ({@link org.opencpm.adapters.persistence.outbox.JpaOutbox}) and handed out to the
 * connectors' dispatchers in each subject's order
 * ({@link org.opencpm.adapters.persistence.outbox.JpaDeliveryQueue}), listed and replayed for
 * operators ({@link org.opencpm.adapters.persistence.outbox.JpaDeadLetters}) and purged when old
 * ({@link org.opencpm.adapters.persistence.outbox.JpaDeliveryRetention}), all three on one JDBC
 * helper ({@code DeliveryJdbc}).
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, its {@code audit} and
 * {@code preference} packages, the application's ports and its {@code Retrying}, the domain, EclipseLink's
 * {@code UnitOfWork} (to begin a transaction on the database before plain JDBC runs in it).
 */
package org.opencpm.adapters.persistence.outbox;
