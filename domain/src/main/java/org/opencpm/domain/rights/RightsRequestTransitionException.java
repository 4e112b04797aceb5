package org.opencpm.domain.rights;

import org.opencpm.domain.DomainException;

/** A rights request was asked to move where its state machine does not allow ({@link RightsRequestStatus}). */
public final class RightsRequestTransitionException extends DomainException {

    public RightsRequestTransitionException(String requestId, RightsRequestStatus from, RightsRequestStatus to) {
        super("rights-request-transition", Kind.CONFLICT,
                "rights request " + requestId + " is " + from.code() + ": it cannot become " + to.code());
    }
}
