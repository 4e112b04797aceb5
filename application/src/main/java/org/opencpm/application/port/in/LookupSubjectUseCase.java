package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Find the subject that identifiers belong to, however they are written. Empty when none of them
 * is known; a conflict when they belong to different subjects.
 */
public interface LookupSubjectUseCase {

    Optional<SubjectId> lookup(List<Identifier> identifiers);
}
