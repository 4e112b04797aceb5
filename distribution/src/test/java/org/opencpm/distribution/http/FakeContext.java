package org.opencpm.distribution.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection's context with the reader and writer a test gives, whose socket counts how often it is closed. */
final class FakeContext {

    final AtomicInteger closes = new AtomicInteger();
    final ConnectionContext context;

    FakeContext(DataReader reader, DataWriter writer) {
        this(reader, writer, null);
    }

    /** With {@code closeFailure}, closing the socket throws it (after counting the close). */
    FakeContext(DataReader reader, DataWriter writer, RuntimeException closeFailure) {
        HelidonSocket socket = (HelidonSocket) Proxy.newProxyInstance(FakeContext.class.getClassLoader(), new Class<?>[] {HelidonSocket.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closes.incrementAndGet();
                        if (closeFailure != null) {
                            throw closeFailure;
                        }
                    }
                    return null;
                });
        context = (ConnectionContext) Proxy.newProxyInstance(FakeContext.class.getClassLoader(), new Class<?>[] {ConnectionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "dataReader" -> reader;
                    case "dataWriter" -> writer;
                    case "serverSocket" -> socket;
                    default -> null;
                });
    }
}
