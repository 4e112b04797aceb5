/**
 * Consent (同意): per subject and purpose, a state that only legal transitions change
 * ({@link org.opencpm.domain.consent.ConsentStateMachine}), with the evidence of each change;
 * the {@link org.opencpm.domain.consent.SeparateConsentPolicy} that keeps sensitive, sharing,
 * public-disclosure and cross-border purposes out of bundled grants; and the
 * {@link org.opencpm.domain.consent.ConsentRecorder} that applies every rule to one event.
 *
 * <p>Depends on: {@code org.opencpm.domain}, {@code .purpose}, {@code .notice}, {@code .subject}.
 */
package org.opencpm.domain.consent;
