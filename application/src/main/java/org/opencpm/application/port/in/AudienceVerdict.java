package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.subject.SubjectId;

/**
 * The decision about one member of an audience, in input order.
 *
 * @param invalid why the line is not an identifier, when it is not (then the decision is a denial)
 */
public record AudienceVerdict(long line, AudienceMember member, Decision decision, Optional<SubjectId> subjectId,
                              Optional<String> invalid) {
}
