package org.opencpm.adapters.rest.json;

/** A request body larger than the endpoint accepts. */
public final class PayloadTooLargeException extends RuntimeException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
