package org.opencpm.connectors.api;

/** The platform refused the change for good (bad request, unknown user): retrying will not help. Goes to the dead-letter store. */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String message) {
        super(message);
    }

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
