package org.opencpm.application.port.out;

import java.util.Optional;

/** The connectors that send the messages callers ask for (SMS gateways): the send side of the connector runtime. */
@FunctionalInterface
public interface MessageGateways {

    /** No gateways. */
    MessageGateways NONE = connectorId -> Optional.empty();

    /** The running, enabled connector {@code connectorId} if it is a send gateway. */
    Optional<MessageGateway> gateway(String connectorId);
}
