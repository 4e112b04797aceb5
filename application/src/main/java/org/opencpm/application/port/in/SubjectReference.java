package org.opencpm.application.port.in;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.subject.Identifier;

/**
 * A subject as a client names it in a consent event: by one or more identifiers, with what the
 * event tells about their age.
 */
public record SubjectReference(List<Identifier> identifiers, Optional<LocalDate> birthDate, Optional<Boolean> minor) {

    /** More identifiers than any one person plausibly has on every channel. */
    public static final int MAX_IDENTIFIERS = 20;

    public SubjectReference {
        identifiers = List.copyOf(Checks.notEmpty(Checks.required(identifiers, "subject.identifiers"), "subject.identifiers"));
        if (identifiers.size() > MAX_IDENTIFIERS) {
            throw new InvalidValueException("subject.identifiers", "at most " + MAX_IDENTIFIERS + " identifiers");
        }
        Checks.required(birthDate, "subject.birthDate");
        Checks.required(minor, "subject.minor");
    }

    public static SubjectReference of(Identifier... identifiers) {
        return new SubjectReference(List.of(identifiers), Optional.empty(), Optional.empty());
    }
}
