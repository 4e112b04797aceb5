package org.opencpm.distribution.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * Tells a connection's {@link ConnectionClock} where its request stands, from Helidon's HTTP/1 events:
 * one instance listens to what is received (request line, request headers), one to what is sent
 * (the response status and headers); either side's {@code Connection: close} ends the connection
 * after the response. Each is the <em>only</em> listener Helidon is given, and passes every event
 * on to the listeners configured before it (Helidon's own {@code recv-log}/{@code send-log}): Helidon
 * 4.1.6 combines two or more listeners into one that drops every event, so added beside them these
 * events never arrived and no request ever stopped the idle clock.
 *
 * <p>It is also where a request is held to {@link StrictFraming} once its line is read, before
 * anything routes it: a refusal thrown here is answered by Helidon's direct handler and ends the
 * connection.
 */
final class ConnectionEvents implements Http1ConnectionListener {

    private final boolean receiving;
    private final List<Http1ConnectionListener> configured;

    private ConnectionEvents(boolean receiving, List<? extends Http1ConnectionListener> configured) {
        this.receiving = receiving;
        this.configured = List.copyOf(configured);
    }

    static ConnectionEvents onReceive(List<? extends Http1ConnectionListener> configured) {
        return new ConnectionEvents(true, configured);
    }

    static ConnectionEvents onSend(List<? extends Http1ConnectionListener> configured) {
        return new ConnectionEvents(false, configured);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        configured.forEach(listener -> listener.prologue(ctx, prologue));
        if (receiving && ctx instanceof ConnectionClock clock) {
            clock.requestLineRead();
        }
        if (receiving) {
            StrictFraming.checkRequestLine(prologue);
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        configured.forEach(listener -> listener.headers(ctx, headers));
        if (ctx instanceof ConnectionClock clock) {
            if (receiving) {
                clock.headRead();
            }
            if (headers.contains(HeaderValues.CONNECTION_CLOSE)) {
                clock.closeAfterResponse();
            }
        }
        if (receiving) {
            StrictFraming.checkFraming(headers);
        }
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        configured.forEach(listener -> listener.status(ctx, status));
        if (!receiving && ctx instanceof ConnectionClock clock) {
            clock.responseStarted();
        }
    }

    @Override
    public void data(ConnectionContext ctx, BufferData data) {
        configured.forEach(listener -> listener.data(ctx, data));
    }

    @Override
    public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
        configured.forEach(listener -> listener.data(ctx, bytes, offset, length));
    }
}
