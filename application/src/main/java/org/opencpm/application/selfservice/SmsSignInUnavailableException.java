package org.opencpm.application.selfservice;

import org.opencpm.domain.DomainException;

/** No SMS gateway is configured for sign-in codes: the person needs a link from the brand; HTTP 404. */
public final class SmsSignInUnavailableException extends DomainException {

    public SmsSignInUnavailableException() {
        super("sms-sign-in-unavailable", Kind.NOT_FOUND, "sign-in by SMS code is not set up here; ask for a link");
    }
}
