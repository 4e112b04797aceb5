package org.opencpm.domain.subject;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.opencpm.domain.DomainException;

/**
 * Under 14, a guardian consents (PIPL Art. 31; GB/T 35273 §5.4): a grant for a minor must carry
 * the guardian's identity and relation, and the guardian must be someone other than the child.
 */
public final class GuardianPolicy {

    private GuardianPolicy() {
    }

    /**
     * Refuses a grant for {@code subject} on {@code day} without a guardian, or with a "guardian"
     * who shares an identifier with the child.
     */
    public static void checkGrant(Subject subject, Collection<Identifier> subjectIdentifiers,
                                  Optional<Guardian> guardian, LocalDate day) {
        guardian.ifPresent(g -> {
            for (Identifier identifier : g.identifiers()) {
                if (subjectIdentifiers.contains(identifier)) {
                    throw new GuardianIsSubjectException();
                }
            }
        });
        if (subject.isMinorOn(day) && guardian.isEmpty()) {
            throw new GuardianRequiredException(subject.id());
        }
    }

    /** Whether a grant given {@code withGuardian} or not is still valid for {@code subject} on {@code day}. */
    public static boolean grantStands(Subject subject, boolean withGuardian, LocalDate day) {
        return withGuardian || !subject.isMinorOn(day);
    }

    /** A minor's consent was given without a guardian. */
    public static final class GuardianRequiredException extends DomainException {
        public GuardianRequiredException(SubjectId subject) {
            super("guardian-required", Kind.RULE_VIOLATION, "subject " + subject + " is under "
                    + Subject.AGE_OF_CONSENT + ": a parent or guardian must give the consent, with their identity (PIPL Art. 31)");
        }
    }

    /** The guardian named is the minor themselves. */
    public static final class GuardianIsSubjectException extends DomainException {
        public GuardianIsSubjectException() {
            super("guardian-is-subject", Kind.RULE_VIOLATION,
                    "the guardian shares an identifier with the subject: a minor cannot be their own guardian");
        }
    }
}
