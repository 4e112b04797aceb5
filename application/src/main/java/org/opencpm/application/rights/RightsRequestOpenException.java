package org.opencpm.application.rights;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.rights.RightsRequest;

/**
 * The person already has a request of this type waiting for an answer: a second tap (or a replayed
 * request) records nothing more; HTTP 409, naming the open request.
 */
public final class RightsRequestOpenException extends DomainException {

    private final transient RightsRequest open;

    public RightsRequestOpenException(RightsRequest open) {
        super("rights-request-open", Kind.CONFLICT, "a " + open.type().code() + " request is open already, due " + open.dueAt());
        this.open = open;
    }

    public RightsRequest open() {
        return open;
    }
}
