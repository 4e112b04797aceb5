package org.opencpm.domain.consent;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;

/**
 * Some processing needs the person's separate consent (单独同意): it must be asked for on its own,
 * never bundled with other purposes, and given by an explicit act.
 *
 * <p>The grounds, each from the purpose's own facts:
 * <ul>
 *   <li>{@link Ground#SENSITIVE_INFORMATION}: a sensitive purpose (PIPL Art. 29);</li>
 *   <li>{@link Ground#PROVISION_TO_OTHERS}: providing personal information to another processor (Art. 23);</li>
 *   <li>{@link Ground#PUBLIC_DISCLOSURE}: making it public (Art. 25);</li>
 *   <li>{@link Ground#CROSS_BORDER}: sending it to a recipient outside mainland China (Art. 39);</li>
 *   <li>{@link Ground#DECLARED}: the operator asked for separate consent anyway.</li>
 * </ul>
 * Withdrawals and denials may always be bundled: refusing must be as easy as consenting.
 */
public final class SeparateConsentPolicy {

    /** Why a purpose needs separate consent. */
    public enum Ground {
        SENSITIVE_INFORMATION("PIPL Art. 29"),
        PROVISION_TO_OTHERS("PIPL Art. 23"),
        PUBLIC_DISCLOSURE("PIPL Art. 25"),
        CROSS_BORDER("PIPL Art. 39"),
        DECLARED("operator's choice");

        private final String source;

        Ground(String source) {
            this.source = source;
        }

        public String source() {
            return source;
        }
    }

    private SeparateConsentPolicy() {
    }

    /** The grounds on which {@code purpose} needs separate consent; empty when it does not. */
    public static Set<Ground> grounds(Purpose purpose) {
        Set<Ground> grounds = EnumSet.noneOf(Ground.class);
        if (purpose.sensitive()) {
            grounds.add(Ground.SENSITIVE_INFORMATION);
        }
        if (purpose.category() == PurposeCategory.SHARING) {
            grounds.add(Ground.PROVISION_TO_OTHERS);
        }
        if (purpose.category() == PurposeCategory.PUBLIC_DISCLOSURE) {
            grounds.add(Ground.PUBLIC_DISCLOSURE);
        }
        if (purpose.crossBorder() && !purpose.overseasRecipients().isEmpty()) {
            grounds.add(Ground.CROSS_BORDER);
        }
        if (purpose.separateConsent()) {
            grounds.add(Ground.DECLARED);
        }
        return grounds;
    }

    public static boolean requiresSeparateConsent(Purpose purpose) {
        return !grounds(purpose).isEmpty();
    }

    /**
     * Refuses a grant that bundles a separate-consent purpose with others, or that gives one
     * without an explicit act.
     */
    public static void checkGrant(List<Purpose> purposesOfOneEvent, ConsentMethod method) {
        List<Purpose> separate = purposesOfOneEvent.stream().filter(SeparateConsentPolicy::requiresSeparateConsent).toList();
        if (separate.isEmpty()) {
            return;
        }
        if (purposesOfOneEvent.size() > 1) {
            throw new BundledConsentException(separate);
        }
        if (!method.isExplicit()) {
            throw new ExplicitConsentRequiredException(separate.get(0), method);
        }
    }

    private static String describe(Purpose purpose) {
        return purpose.code() + " (" + grounds(purpose).stream().map(Ground::source).collect(Collectors.joining(", ")) + ")";
    }

    /** A bundled grant included a purpose that needs its own consent. */
    public static final class BundledConsentException extends DomainException {
        public BundledConsentException(List<Purpose> separate) {
            super("separate-consent-required", Kind.RULE_VIOLATION, "a bundled grant cannot include "
                    + separate.stream().map(SeparateConsentPolicy::describe).collect(Collectors.joining("; "))
                    + ": ask for each such purpose on its own");
        }
    }

    /** Separate consent was given by an act that is not explicit (implied, imported). */
    public static final class ExplicitConsentRequiredException extends DomainException {
        public ExplicitConsentRequiredException(Purpose purpose, ConsentMethod method) {
            super("explicit-consent-required", Kind.RULE_VIOLATION, "purpose " + describe(purpose)
                    + " needs separate, explicit consent; method '" + method.code() + "' is not an explicit act");
        }
    }
}
