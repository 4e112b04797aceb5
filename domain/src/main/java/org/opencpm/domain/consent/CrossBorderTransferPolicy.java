package org.opencpm.domain.consent;

import java.util.List;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.Purpose;

/**
 * A person's consent to a cross-border purpose is collected only once the purpose records the
 * lawful transfer mechanism — security assessment, standard contract or certification (PIPL
 * Art. 38): without one, the data could not lawfully leave, and the consent would only make it
 * look as if it could. Withdrawals and denials are always accepted.
 *
 * <p>Decisions are left alone: a purpose defined cross-border before mechanisms were recorded
 * keeps the grants it has; its next grant waits for the mechanism.
 */
public final class CrossBorderTransferPolicy {

    private CrossBorderTransferPolicy() {
    }

    /** Refuses a grant of any cross-border purpose that records no transfer mechanism. */
    public static void checkGrant(List<Purpose> purposesOfOneEvent) {
        for (Purpose purpose : purposesOfOneEvent) {
            if (purpose.crossBorder() && purpose.transferMechanism().isEmpty()) {
                throw new TransferMechanismRequiredException(purpose);
            }
        }
    }

    /** A grant of a cross-border purpose whose transfer mechanism is not recorded. */
    public static final class TransferMechanismRequiredException extends DomainException {
        public TransferMechanismRequiredException(Purpose purpose) {
            super("transfer-mechanism-required", Kind.RULE_VIOLATION, "purpose " + purpose.code()
                    + " sends personal information outside mainland China but records no transfer mechanism"
                    + " (security_assessment, standard_contract or certification): no grant is collected until it does (PIPL Art. 38)");
        }
    }
}
