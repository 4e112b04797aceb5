/**
 * The decision log, written in batches by a background thread so that recording a decision
 * costs the caller a queue offer.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.decision;
