/**
 * Usage control: single decisions, audience filters, the consenters a reconciliation walks, send
 * permits and the dataset gate, all
 * made from the in-memory {@link org.opencpm.application.port.out.DecisionIndex} by the domain's
 * {@link org.opencpm.domain.decision.DecisionPolicy}.
 */
package org.opencpm.application.decision;
