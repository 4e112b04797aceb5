package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.subject.SubjectId;

/** A decision and the subject it was about (empty when the subject is unknown). */
public record DecisionResult(Decision decision, Optional<SubjectId> subjectId) {
}
