package org.opencpm.application.port.in;

/** Sends a message through a send gateway, only under a send permit. */
public interface SendMessageUseCase {

    /**
     * @throws org.opencpm.application.UnknownConnectorException when no running connector of that id sends messages
     * @throws org.opencpm.domain.InvalidValueException when the subject has no identifier the gateway can address
     */
    MessageSent send(SendMessageCommand command);
}
