package org.opencpm.connectors.api;

/**
 * Turns a platform's callback into consent commands. Authenticate it the platform's way first
 * (signature, token): a callback that fails gets {@link InboundResponse#unauthorized} and no
 * commands. Runs on a request thread: answer quickly, never block on the platform.
 */
@FunctionalInterface
public interface InboundHandler {

    InboundResponse handle(InboundRequest request);
}
