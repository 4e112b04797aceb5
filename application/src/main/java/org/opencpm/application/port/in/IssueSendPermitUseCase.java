package org.opencpm.application.port.in;

/**
 * Issue a permit for one message: the use must be allowed, outside quiet hours, and within the
 * channel's frequency cap, one unit of which a granted permit consumes atomically (of two racing
 * requests for the last unit, exactly one wins).
 */
public interface IssueSendPermitUseCase {

    SendPermit issue(SendPermitCommand command);

    /**
     * Gives back the units {@code permit} took on {@code channel}: the message it was issued for was
     * refused before it left (by the connector or the platform), so it does not count toward the cap.
     */
    void giveBack(SendPermit permit, org.opencpm.domain.preference.ContactChannel channel);
}
