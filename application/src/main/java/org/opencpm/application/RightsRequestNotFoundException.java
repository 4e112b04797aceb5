package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No rights request has this id. */
public final class RightsRequestNotFoundException extends DomainException {

    public RightsRequestNotFoundException(String requestId) {
        super("rights-request-not-found", Kind.NOT_FOUND, "no rights request " + requestId);
    }
}
