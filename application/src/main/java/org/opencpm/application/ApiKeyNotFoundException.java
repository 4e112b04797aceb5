package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No API key with this id. */
public final class ApiKeyNotFoundException extends DomainException {

    public ApiKeyNotFoundException(String keyId) {
        super("api-key-not-found", Kind.NOT_FOUND, "no API key '" + keyId + "'");
    }
}
