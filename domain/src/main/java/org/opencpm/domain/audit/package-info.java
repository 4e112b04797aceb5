/**
 * The audit trail (审计日志): every change as an {@link org.opencpm.domain.audit.AuditEvent}
 * whose SHA-256 hash covers its canonical form and its predecessor's hash
 * ({@link org.opencpm.domain.audit.AuditChain}), so that changing, deleting, inserting or
 * reordering any event breaks the chain where it happened, and
 * {@link org.opencpm.domain.audit.AuditChainVerifier} names that place (PIPL Art. 54–56).
 *
 * <p>Depends on: {@code org.opencpm.domain}.
 */
package org.opencpm.domain.audit;
