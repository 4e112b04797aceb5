package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/** Names a subject for a question: by OpenCPM's subject id, or by identifiers. Exactly one of the two. */
public record SubjectLocator(Optional<SubjectId> subjectId, List<Identifier> identifiers) {

    public SubjectLocator {
        Checks.required(subjectId, "subjectId");
        identifiers = List.copyOf(Checks.required(identifiers, "subject.identifiers"));
        if (subjectId.isPresent() == !identifiers.isEmpty()) {
            throw new InvalidValueException("subject", "give either subjectId or subject.identifiers, not both and not neither");
        }
        if (identifiers.size() > SubjectReference.MAX_IDENTIFIERS) {
            throw new InvalidValueException("subject.identifiers", "at most " + SubjectReference.MAX_IDENTIFIERS + " identifiers");
        }
    }

    public static SubjectLocator byId(SubjectId id) {
        return new SubjectLocator(Optional.of(id), List.of());
    }

    public static SubjectLocator by(Identifier... identifiers) {
        return new SubjectLocator(Optional.empty(), List.of(identifiers));
    }
}
