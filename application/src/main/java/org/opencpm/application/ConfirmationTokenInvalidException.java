package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** A double opt-in token is unknown, used already or expired. */
public final class ConfirmationTokenInvalidException extends DomainException {

    public ConfirmationTokenInvalidException(String why) {
        super("confirmation-token-invalid", Kind.NOT_FOUND, "the confirmation token is " + why);
    }
}
