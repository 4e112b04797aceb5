package org.opencpm.distribution.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Tells a connection's {@link ConnectionClock} where its request stands, from Helidon's HTTP/1 events:
 * one instance listens to what is received (request line, request headers), one to what is sent
 * (the response status).
 */
final class ConnectionEvents implements Http1ConnectionListener {

    private final boolean receiving;

    private ConnectionEvents(boolean receiving) {
        this.receiving = receiving;
    }

    static ConnectionEvents onReceive() {
        return new ConnectionEvents(true);
    }

    static ConnectionEvents onSend() {
        return new ConnectionEvents(false);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        if (receiving && ctx instanceof ConnectionClock clock) {
            clock.requestLineRead();
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (receiving && ctx instanceof ConnectionClock clock) {
            clock.headRead();
        }
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        if (!receiving && ctx instanceof ConnectionClock clock) {
            clock.responseStarted();
        }
    }
}
