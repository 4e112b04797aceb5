package org.opencpm.application;

import org.opencpm.domain.DomainException;

/**
 * A pending grant was to be confirmed without the token sent to the person: double opt-in exists
 * to prove that the person behind the address agreed, so only their link (its token) may confirm.
 */
public final class ConfirmationTokenRequiredException extends DomainException {

    public ConfirmationTokenRequiredException() {
        super("confirmation-token-required", Kind.RULE_VIOLATION, "a pending grant is confirmed only with the token sent to"
                + " the person: send it as confirmationToken with action 'confirm', or to POST /api/v1/consents:confirm");
    }
}
