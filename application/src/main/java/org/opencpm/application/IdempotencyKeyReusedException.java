package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** An idempotency key came back with a different event than the one first recorded under it. */
public final class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException(String key) {
        super("idempotency-key-reused", Kind.CONFLICT, "idempotency key '" + key + "' was already used for a different event");
    }
}
