package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No connector with this id is known, or it does not do what was asked of it (take callbacks, send messages). */
public final class UnknownConnectorException extends DomainException {

    public UnknownConnectorException(String connectorId) {
        this(connectorId, "or it is not running, or takes no callbacks");
    }

    /** No connector {@code connectorId} that does what was asked: {@code why} says what it must be. */
    public UnknownConnectorException(String connectorId, String why) {
        super("connector-not-found", Kind.NOT_FOUND, "no connector '" + connectorId + "' (" + why + ")");
    }
}
