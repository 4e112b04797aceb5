package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The probe counts an answer, not a connection the kernel accepted. */
class ServingProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(700);

    @Test
    void a_listener_that_never_accepts_does_not_serve_though_its_port_takes_connections() throws Exception {
        try (ServerSocket stuck = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(probe(stuck).probe()).isEqualTo(ServingProbe.Answer.NOT_SERVED);
        }
    }

    @Test
    void a_listener_that_answers_serves_and_sees_the_probe_as_its_own() throws Exception {
        AtomicBoolean own = new AtomicBoolean();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    own.set(ServingProbe.isOwn((InetSocketAddress) socket.getRemoteSocketAddress(),
                            (InetSocketAddress) socket.getLocalSocketAddress()));
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            assertThat(probe(server).probe()).isEqualTo(ServingProbe.Answer.SERVED);
            answering.join();
        }
        assertThat(own).as("the probe's connection is known as the probe's").isTrue();
    }

    @Test
    void a_closed_port_does_not_serve_and_other_clients_are_not_the_probe() throws Exception {
        ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closed.close();
        assertThat(probe(closed).probe()).isEqualTo(ServingProbe.Answer.NOT_SERVED);

        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThat(ServingProbe.isOwn((InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress())).isFalse();
        }
    }

    private static ServingProbe probe(ServerSocket server) {
        return ServingProbe.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), TIMEOUT);
    }

    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
    }
}
