/**
 * The persistence adapter: every storage port of {@code org.opencpm.application.port.out}
 * (stores, audit trail, outbox and delivery queue, idempotency, confirmation tokens, send
 * budgets, decision log, subject states, API keys, transactions) implemented with EclipseLink JPA
 * on H2, PostgreSQL and MariaDB/MySQL, on one portable schema owned by Flyway migrations
 * ({@code db/migration}). {@link org.opencpm.adapters.persistence.JpaPersistence} starts it all;
 * {@link org.opencpm.adapters.persistence.JpaTransactions} is the one way the stores reach an
 * entity manager.
 *
 * <p>Sub-packages group the stores by what they keep ({@code catalogue}, {@code subject},
 * {@code consent}, {@code preference}, {@code audit}, {@code outbox}, {@code decision},
 * {@code security}); each holds its entities and mappers, package-private, beside its store.
 * Entities, mappers and JSON never leave this module: stores take and return domain objects.
 *
 * <p>Depends on: the application's ports and the domain, Jakarta Persistence (EclipseLink),
 * JSON-P (Parsson), HikariCP, Flyway and the JDBC drivers. Never on another adapter.
 */
package org.opencpm.adapters.persistence;
