/**
 * Current consents (one row per subject and purpose, restored through
 * {@code Consent.restore}), idempotent outcomes of consent events, and double opt-in tokens.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.consent;
