package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencpm.distribution.RawSockets.closedWithin;
import static org.opencpm.distribution.RawSockets.connect;
import static org.opencpm.distribution.RawSockets.connectFrom;
import static org.opencpm.distribution.RawSockets.endsWithin;
import static org.opencpm.distribution.RawSockets.readResponseHead;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold on to the real server's connections without a key: by sending requests and
 * never reading the answers, by opening many connections from one address, by taking every place
 * there is; and a stop with hundreds of connections open. Each is let go in time, and the server
 * says truthfully whether it serves.
 */
class ConnectionHoldersIT {

    private static final byte[] OPENAPI = "GET /openapi HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static RunningServer server(Path work, String... options) throws Exception {
        return RunningServer.unpack(work).withEnv("OPENCPM_JAVA_OPTS", "-Xmx512m " + String.join(" ", options));
    }

    /**
     * 60 connections each send 1,000 requests for the OpenAPI document (23 KB each, 23 MB in all)
     * and read nothing: the server's writes block. With a write limit of 3 s they are closed soon
     * after; a download read slowly (80 KB/s, 6 s for 20 documents) keeps moving and is never cut.
     */
    @Test
    void clients_that_stop_reading_are_cut_at_the_write_limit_and_a_slow_reader_is_not(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work, "-Dopencpm.http.write-timeout-seconds=3").start();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                stalled.add(pipelining(server.port, 1000));
            }
            await("a normal request while they stall").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> server.get("/health/ready", null).statusCode() == 200);
            Future<Integer> slowDownload = threads.submit(() -> readSlowly(server.port, 20));

            // a closed connection still delivers what the server's send buffer held (at most 4 MB here) before it ends; a
            // check reads at most 8 MB, so a connection the server still writes to (23 MB to go) is not taken for closed
            await("every stalled connection closed").pollDelay(Duration.ofSeconds(4)).pollInterval(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(40)).until(() -> allEnd(stalled));
            await("a normal request right after").atMost(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> server.get("/health/ready", null).statusCode() == 200);
            assertThat(slowDownload.get(60, TimeUnit.SECONDS)).as("documents the slow reader got, to the end of the stream").isEqualTo(20);
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** 30 connections from 127.0.0.1 when it may hold 20: 10 are closed at once, other addresses are served, and all is well when they go. */
    @Test
    void one_address_cannot_hold_every_connection(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work, "-Dopencpm.http.max-connections-per-address=20").start();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                held.add(connect(server.port));
            }
            List<Future<Boolean>> closed = new ArrayList<>();
            for (Socket socket : held) {
                closed.add(threads.submit(() -> closedWithin(socket, Duration.ofSeconds(3))));
            }
            int closedAtOnce = 0;
            for (Future<Boolean> each : closed) {
                closedAtOnce += each.get() ? 1 : 0;
            }
            // the HTTP client of start() may still hold a kept-alive connection from 127.0.0.1
            assertThat(closedAtOnce).as("connections beyond the 20 of 127.0.0.1 closed at once").isBetween(10, 11);

            try (Socket other = connectFrom("127.0.0.2", server.port)) {
                other.setSoTimeout(5000);
                other.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponseHead(other.getInputStream())).as("another address is served").startsWith("HTTP/1.1 200");
            }
            for (Socket socket : held) {
                socket.close();
            }
            await("127.0.0.1 served once its connections are gone").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> server.get("/health/ready", null).statusCode() == 200);
            assertThat(server.logText()).contains("opencpm.http.max-connections-per-address");
        }
    }

    /**
     * Every place under a cap of 20 taken by silent connections: the port still accepts into the
     * kernel's queue, but nothing is served, and the watchdog says so; it says so again when the
     * places are free, and the process goes on.
     */
    @Test
    void a_listener_with_no_free_place_is_reported_until_one_frees(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work, "-Dopencpm.http.max-connections=20", "-Dopencpm.http.idle-timeout-seconds=60",
                "-Dopencpm.http.listener-down-exit-seconds=120").start()) {
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                silent.add(connectFrom("127.0.0." + (2 + i % 5), server.port));
            }
            await("the watchdog's report").atMost(Duration.ofSeconds(20))
                    .until(() -> server.logText().contains("does not serve: no answer to a request within 5 s; readiness is DOWN"));
            for (Socket socket : silent) {
                socket.close();
            }
            await("serving again").atMost(Duration.ofSeconds(20)).until(() -> server.logText().contains("serves again; readiness is UP"));
            await("ready").atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> server.get("/health/ready", null).statusCode() == 200);
            assertThat(server.process().isAlive()).isTrue();
        }
    }

    /**
     * {@code bin/opencpm stop} with 300 idle connections and one request in the middle of its body:
     * the server lets go of all of them within seconds (idle ones are interrupted at once, the busy
     * one after Helidon's grace period), and the script returns. (That the watchdog stops before the
     * server does is {@code ListenerWatchdogTest}'s: what it would log during a shutdown may be lost,
     * as the JVM's logging shuts down at the same time. How long the rest of the shutdown takes is
     * not the listener's: closing the embedded database compacts its file for up to 30 s.)
     */
    @Test
    void stop_lets_go_of_hundreds_of_connections_at_once(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work).start();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Socket> open = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                open.add(connectFrom("127.0.0." + (2 + i % 3), server.port));
            }
            Socket midBody = connect(server.port);
            midBody.getOutputStream().write(("POST /hooks/x/y HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
            open.add(midBody);

            Process stop = server.command("stop").redirectErrorStream(true).start();
            List<Future<Boolean>> closed = new ArrayList<>();
            for (Socket socket : open) {
                closed.add(threads.submit(() -> closedWithin(socket, Duration.ofSeconds(5))));
            }
            for (Future<Boolean> each : closed) {
                assertThat(each.get()).as("closed by the stopping server within 5 s").isTrue();
            }
            assertThat(stop.waitFor(45, TimeUnit.SECONDS)).as("bin/opencpm stop returned").isTrue();
            assertThat(new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("OpenCPM stopped.");
            assertThat(server.process().waitFor(5, TimeUnit.SECONDS)).isTrue();
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    /** A connection that sends {@code requests} requests for the OpenAPI document and reads nothing. */
    private static Socket pipelining(int port, int requests) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        for (int i = 0; i < requests; i++) {
            socket.getOutputStream().write(OPENAPI);
        }
        return socket;
    }

    /**
     * Whether every connection has ended, checking each that has not ended before. A check that
     * finds one open has read from it, which lets the server's write move on: the next round comes
     * after the write limit, so that the server has cut it again in between.
     */
    private static boolean allEnd(List<Socket> sockets) throws IOException {
        boolean all = true;
        for (Socket socket : sockets) {
            if (!socket.isClosed()) {
                if (endsWithin(socket, Duration.ofSeconds(3), 8 * 1024 * 1024)) {
                    socket.close();
                } else {
                    all = false;
                }
            }
        }
        return all;
    }

    /** Asks for {@code documents} OpenAPI documents on one connection (the last says close), reads 4 KB every 50 ms; returns how many came. */
    private static int readSlowly(int port, int documents) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < documents; i++) {
                requests.append("GET /openapi HTTP/1.1\r\nHost: localhost\r\n").append(i == documents - 1 ? "Connection: close\r\n" : "").append("\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            int received = 0;
            for (int i = 0; i < documents; i++) {
                if (readResponseHead(slowly(in)).startsWith("HTTP/1.1 200")) {
                    received++;
                }
            }
            return in.read() < 0 ? received : -1;
        }
    }

    /** A stream that gives at most 4 KB per read and waits 50 ms before each: a client on a slow line. */
    private static InputStream slowly(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                pause();
                return in.read(b, off, Math.min(len, 4096));
            }
        };
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
