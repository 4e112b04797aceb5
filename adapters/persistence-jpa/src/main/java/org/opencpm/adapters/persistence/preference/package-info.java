/**
 * Preferences (JSON per subject) and send budgets (row-locked counters per subject, channel and
 * period).
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.preference;
