package org.opencpm.connectors.api;

/**
 * Turns a platform's callback into consent commands. Authenticate it the platform's way first
 * (signature, token): a callback that fails gets {@link InboundResponse#unauthorized} and no
 * commands. Return the events with {@link InboundResponse#record}: the host records them and only
 * then has the platform answered, per event (recorded, duplicate, refused with the reason). Runs on
 * a request thread: answer quickly, never block on the platform.
 */
@FunctionalInterface
public interface InboundHandler {

    InboundResponse handle(InboundRequest request);
}
