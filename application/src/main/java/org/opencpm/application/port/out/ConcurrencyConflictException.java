package org.opencpm.application.port.out;

/**
 * Another writer changed the same subject (or claimed the same identifier) first. The
 * transaction is rolled back; the use case runs again on the fresh state.
 */
public class ConcurrencyConflictException extends RuntimeException {

    public ConcurrencyConflictException(String message) {
        super(message);
    }

    public ConcurrencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
