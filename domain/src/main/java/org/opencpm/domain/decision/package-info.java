/**
 * Usage control (使用控制): may this subject's data be used for this purpose, on this channel,
 * for this topic, by this recipient, now? {@link org.opencpm.domain.decision.DecisionPolicy}
 * answers with a {@link org.opencpm.domain.decision.Decision} and its
 * {@link org.opencpm.domain.decision.Reason}; {@link org.opencpm.domain.decision.SendPermitPolicy}
 * adds quiet hours, the operator's {@link org.opencpm.domain.decision.SendRules} (marketing curfew,
 * default caps) and frequency caps for a message about to be sent.
 *
 * <p>Depends on: {@code org.opencpm.domain} and its other packages.
 */
package org.opencpm.domain.decision;
