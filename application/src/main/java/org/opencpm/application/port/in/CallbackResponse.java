package org.opencpm.application.port.in;

/** The answer to a platform's callback, in its own format. */
public record CallbackResponse(int status, String contentType, byte[] body) {

    public CallbackResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
