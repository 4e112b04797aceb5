/**
 * The OpenCPM domain: what a consent is, which rules it obeys, and how its history is kept.
 *
 * <p>Plain Java 21 and nothing else: no framework, no annotation processor, no JSON or
 * persistence library may be imported here (an ArchUnit test fails the build if one is).
 * Everything the law asks of a consent is decided in this package tree, each rule once:
 *
 * <ul>
 *   <li>{@link org.opencpm.domain.purpose} — what data is used for, on which lawful basis, shared
 *       with whom;</li>
 *   <li>{@link org.opencpm.domain.notice} — the versioned notice a person was shown, and
 *       {@link org.opencpm.domain.notice.NoticeCoveragePolicy};</li>
 *   <li>{@link org.opencpm.domain.subject} — people, their identifiers, minors and
 *       {@link org.opencpm.domain.subject.GuardianPolicy};</li>
 *   <li>{@link org.opencpm.domain.consent} — {@link org.opencpm.domain.consent.Consent}, its
 *       {@link org.opencpm.domain.consent.ConsentStateMachine} and
 *       {@link org.opencpm.domain.consent.SeparateConsentPolicy};</li>
 *   <li>{@link org.opencpm.domain.preference} — channels, topics, frequency caps, quiet hours;</li>
 *   <li>{@link org.opencpm.domain.decision} — may this use happen now, and why not;</li>
 *   <li>{@link org.opencpm.domain.audit} — the hash-chained, tamper-evident history.</li>
 * </ul>
 */
package org.opencpm.domain;
