package org.opencpm.application.port.in;

/**
 * The answer to a platform's callback, in its own format, and what was recorded from it.
 *
 * @param recorded consent events recorded from the callback
 * @param refused  events the callback carried that a consent rule refused
 */
public record CallbackResponse(int status, String contentType, byte[] body, int recorded, int refused) {

    public CallbackResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
