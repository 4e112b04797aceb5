package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events Helidon sends through the configuration {@link TimedHttp1Connections} builds reach the
 * connection's clock and the listeners the operator configured (here Helidon's default
 * {@code recv-log}/{@code send-log} plus one more).
 */
class TimedHttp1ConnectionsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final ConnectionClock.Limits LIMITS = new ConnectionClock.Limits(60 * SECOND, 20 * SECOND, 30 * SECOND, 30 * SECOND);

    private final List<String> heard = new ArrayList<>();
    private final ConnectionClock clock = new ConnectionClock(context());

    @Test
    void a_request_line_stops_the_idle_clock_and_starts_the_head_clock() {
        Http1Config timed = TimedHttp1Connections.timed(Http1Config.builder().addReceiveListener(recording("recv")).build());
        long before = System.nanoTime();

        timed.compositeReceiveListener().prologue(clock, HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, "/", false));

        assertThat(clock.overdue(before + 1000 * SECOND, LIMITS))
                .as("the head clock runs from the request line").contains("headers");
        timed.compositeReceiveListener().headers(clock, WritableHeaders.create());
        assertThat(clock.overdue(before + 1000 * SECOND, LIMITS)).as("head read").isNull();
        assertThat(heard).containsExactly("recv prologue", "recv headers");
    }

    @Test
    void a_response_restarts_the_idle_clock_and_reaches_the_configured_listeners() {
        Http1Config timed = TimedHttp1Connections.timed(Http1Config.builder().addSendListener(recording("send")).build());
        clock.requestLineRead();

        timed.compositeSendListener().status(clock, Status.OK_200);

        assertThat(clock.overdue(System.nanoTime() + 1000 * SECOND, LIMITS))
                .as("no head clock once the response has started").isNull();
        assertThat(heard).containsExactly("send status");
    }

    @Test
    void connection_close_from_either_side_ends_the_connection_after_the_response() {
        Http1Config timed = TimedHttp1Connections.timed(Http1Config.builder().build());
        for (boolean requestSaysClose : new boolean[] {true, false}) {
            ConnectionClock clock = new ConnectionClock(new FakeContext(new DataReader(() -> "GET / HTTP/1.1\r\n".getBytes()), null).context);
            clock.dataReader().ensureAvailable();
            clock.dataReader().skip(clock.dataReader().available());
            clock.awaitingRequestLineWhen(() -> true);
            WritableHeaders<?> close = WritableHeaders.create().set(HeaderValues.CONNECTION_CLOSE);
            if (requestSaysClose) {
                timed.compositeReceiveListener().headers(clock, close);
            } else {
                timed.compositeReceiveListener().headers(clock, WritableHeaders.create());
                timed.compositeSendListener().headers(clock, close);
            }
            assertThatThrownBy(() -> clock.dataReader().ensureAvailable()).as("request says close: %s", requestSaysClose)
                    .isInstanceOf(DataReader.InsufficientDataAvailableException.class);
        }
    }

    private Http1ConnectionListener recording(String direction) {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                heard.add(direction + " prologue");
            }

            @Override
            public void headers(ConnectionContext ctx, io.helidon.http.Headers headers) {
                heard.add(direction + " headers");
            }

            @Override
            public void status(ConnectionContext ctx, Status status) {
                heard.add(direction + " status");
            }
        };
    }

    private static ConnectionContext context() {
        DataReader reader = new DataReader(() -> null);
        return (ConnectionContext) Proxy.newProxyInstance(TimedHttp1ConnectionsTest.class.getClassLoader(), new Class<?>[] {ConnectionContext.class},
                (proxy, method, args) -> method.getName().equals("dataReader") ? reader : null);
    }
}
