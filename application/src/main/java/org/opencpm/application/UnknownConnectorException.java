package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No connector with this id is known, or it takes no callbacks. */
public final class UnknownConnectorException extends DomainException {

    public UnknownConnectorException(String connectorId) {
        super("connector-not-found", Kind.NOT_FOUND, "no connector '" + connectorId + "' (or it is not running, or takes no callbacks)");
    }
}
