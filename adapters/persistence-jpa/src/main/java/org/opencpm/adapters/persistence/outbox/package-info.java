/**
 * The outbox of changes for the connectors, keyed by the audit sequence number of each change.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, its {@code audit} and
 * {@code preference} packages, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.outbox;
