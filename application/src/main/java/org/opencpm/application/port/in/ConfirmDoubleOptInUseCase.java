package org.opencpm.application.port.in;

/**
 * Confirm a pending grant (double opt-in) with the one-time token sent to the person. A token
 * works once and only before it expires.
 */
public interface ConfirmDoubleOptInUseCase {

    ConsentReceipt confirm(ConfirmDoubleOptInCommand command);
}
