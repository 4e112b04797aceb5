package org.opencpm.domain.consent;

import java.util.Optional;
import org.opencpm.domain.DomainException;

/** An action that the consent's current state does not allow, such as confirming what is not pending. */
public final class IllegalConsentTransitionException extends DomainException {

    public IllegalConsentTransitionException(Optional<ConsentState> from, ConsentAction action, String why) {
        super("consent-transition-not-allowed", Kind.RULE_VIOLATION,
                "cannot " + action.code() + " a consent that is " + from.map(ConsentState::code).orElse("not recorded") + ": " + why);
    }
}
