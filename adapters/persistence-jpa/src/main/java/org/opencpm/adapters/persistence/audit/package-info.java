/**
 * The hash-chained audit trail: appends serialised on a locked head row, events streamed in
 * sequence order a page at a time.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.audit;
