package org.opencpm.domain.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * A person whose data is processed, known to OpenCPM by a pseudonymous {@link SubjectId}.
 *
 * <p>Lifecycle: registered the first time any of their identifiers appears in a consent event;
 * every later change of their consents or preferences advances {@link #version()} by one, so
 * connectors can tell the newest state from an older one (the version never goes back).
 *
 * <p>A subject is a minor (PIPL Art. 31, GB/T 35273 §5.4) when their birth date says they are
 * under {@value #AGE_OF_CONSENT} on the day in question, or, with no birth date known, when they
 * were declared a minor.
 */
public record Subject(SubjectId id, Optional<LocalDate> birthDate, boolean declaredMinor, long version, Instant registeredAt) {

    /** Below this age a guardian consents (PIPL Art. 31). */
    public static final int AGE_OF_CONSENT = 14;

    public Subject {
        Checks.required(id, "subjectId");
        Checks.required(birthDate, "birthDate");
        Checks.required(registeredAt, "registeredAt");
        if (version < 0) {
            throw new InvalidValueException("version", "must not be negative");
        }
    }

    /** A subject seen for the first time, at version 0. */
    public static Subject register(SubjectId id, Instant at) {
        return new Subject(id, Optional.empty(), false, 0, at);
    }

    /**
     * What is known of their age after an event that may have told more: a birth date replaces
     * the old one; {@code minor} true or false replaces the declaration; empty leaves it as it was.
     */
    public Subject withAgeFacts(Optional<LocalDate> newBirthDate, Optional<Boolean> minor, LocalDate today) {
        newBirthDate.ifPresent(date -> {
            if (date.isAfter(today)) {
                throw new InvalidValueException("subject.birthDate", "lies in the future");
            }
        });
        return new Subject(id, newBirthDate.or(() -> birthDate), minor.orElse(declaredMinor), version, registeredAt);
    }

    /** Whether, on {@code day}, a guardian must consent for this person. */
    public boolean isMinorOn(LocalDate day) {
        return birthDate.map(born -> bornAMinorOn(born, day)).orElse(declaredMinor);
    }

    /**
     * Whether someone born on {@code born} is under {@value #AGE_OF_CONSENT} on {@code day}: the
     * rule {@link #isMinorOn} applies to a known birth date, for an index that keeps the date
     * without a {@code Subject}.
     */
    public static boolean bornAMinorOn(LocalDate born, LocalDate day) {
        return Period.between(born, day).getYears() < AGE_OF_CONSENT;
    }

    /** The same subject after one more change: {@link #version()} plus one. */
    public Subject advanced() {
        return new Subject(id, birthDate, declaredMinor, version + 1, registeredAt);
    }
}
