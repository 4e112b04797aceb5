package org.opencpm.application.port.in;

/**
 * Issue a permit for one message: the use must be allowed, outside quiet hours, and within the
 * channel's frequency cap, one unit of which a granted permit consumes atomically (of two racing
 * requests for the last unit, exactly one wins).
 */
public interface IssueSendPermitUseCase {

    SendPermit issue(SendPermitCommand command);
}
