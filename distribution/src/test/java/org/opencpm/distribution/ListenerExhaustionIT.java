package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencpm.distribution.RawSockets.closedWithin;
import static org.opencpm.distribution.RawSockets.connect;
import static org.opencpm.distribution.RawSockets.readResponseHead;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client without a key cannot stop the listener: not with 20,000 idle connections against a
 * process whose open-file limit is 1,024 (set with {@code ulimit -n} around {@code bin/opencpm}
 * and with {@code OPENCPM_MAX_OPEN_FILES}, so that the exhaustion happens quickly; the server caps
 * its connections below that limit), not by
 * trickling a request's head or body, not by connecting and saying nothing.
 */
class ListenerExhaustionIT {

    private static final int OPEN_FILES = 1024;
    private static final int CONNECTIONS = 20_000;
    /** More than the server's open-file limit, held open at once; the test JVM's own limit (20,000 here) allows it. */
    private static final int AT_ONCE = 2_500;

    private static RunningServer server(Path work, String... options) throws Exception {
        return RunningServer.unpack(work).withOpenFileLimit(OPEN_FILES)
                .withEnv("OPENCPM_MAX_OPEN_FILES", Integer.toString(OPEN_FILES))
                .withEnv("OPENCPM_JAVA_OPTS", "-Xmx512m -Dopencpm.http.idle-timeout-seconds=4 -Dopencpm.http.read-timeout-seconds=4"
                        + " -Dopencpm.http.header-timeout-seconds=3 " + String.join(" ", options));
    }

    @Test
    void after_20000_idle_connections_a_request_is_served_within_a_second(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work).start()) {
            int connected = flood(server.port);
            assertThat(connected).as("connections the server's port took").isGreaterThan(OPEN_FILES);

            await("a normal request after the flood").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().until(() -> server.get("/health/ready", null).statusCode() == 200);
            assertThat(server.logText()).doesNotContain("Too many open files").doesNotContain("terminating now");
            Process status = server.command("status").redirectErrorStream(true).start();
            assertThat(status.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(status.exitValue()).as("bin/opencpm status").isZero();
        }
    }

    @Test
    void a_listener_that_dies_is_reported_by_status_and_the_process_exits(@TempDir Path work) throws Exception {
        // the caps switched off, as an operator might: the old failure comes back, and is no longer silent
        try (RunningServer server = server(work, "-Dopencpm.http.max-connections=-1",
                "-Dopencpm.http.max-connections-per-address=-1", "-Dopencpm.http.listener-down-exit-seconds=45").start()) {
            flood(server.port);
            assertThat(server.logText()).contains("Too many open files");
            Process process = server.process();
            assertThat(process.isAlive()).isTrue();
            Process status = server.command("status").redirectErrorStream(true).start();
            assertThat(status.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(status.exitValue()).as("bin/opencpm status of a process whose port is closed").isEqualTo(1);
            await("the watchdog's report").atMost(Duration.ofSeconds(30)).until(() -> server.logText()
                    .contains("does not serve: no answer to a request within 5 s; readiness is DOWN"));
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process ends once its listener is dead").isTrue();
            assertThat(process.exitValue()).isEqualTo(70);
        }
    }

    /**
     * Each limit on its own: the idle limit (6 s) is longer than the head limit (3 s) and the read
     * limit (4 s), so a connection cut by the wrong clock shows in the time it took; and a client
     * that keeps working, however long, is never cut.
     */
    @Test
    void slow_or_silent_clients_are_cut_at_the_timeouts(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work, "-Dopencpm.http.idle-timeout-seconds=6").start()) {
            // a head trickled one byte every 500 ms: no single read waits long, the whole head does (3 s allowed)
            try (Socket socket = connect(server.port)) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                assertThat(trickleUntilCut(out, Duration.ofSeconds(20))).as("cut while trickling the head").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut by the head limit, not the idle one")
                        .isLessThan(Duration.ofMillis(5500));
            }
            // a body that stops arriving: cut after the read timeout (4 s)
            try (Socket socket = connect(server.port)) {
                socket.getOutputStream().write(("POST /hooks/x/y HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                assertThat(closedWithin(socket, Duration.ofSeconds(12))).as("cut when the body stops").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut by the read limit, not the idle one")
                        .isLessThan(Duration.ofMillis(5500));
            }
            // connected, said nothing
            try (Socket socket = connect(server.port)) {
                assertThat(closedWithin(socket, Duration.ofSeconds(12))).as("cut when nothing is sent").isTrue();
            }
            // one request, then idle on a kept-alive connection
            try (Socket socket = connect(server.port)) {
                socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(closedWithin(socket, Duration.ofSeconds(12))).as("cut when idle after a request").isTrue();
            }
            // a request that says Connection: close: its connection ends with its response, not at the idle limit (6 s)
            try (Socket socket = connect(server.port)) {
                socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponseHead(socket.getInputStream())).startsWith("HTTP/1.1 200").contains("Connection: close");
                assertThat(closedWithin(socket, Duration.ofSeconds(1))).as("closed right after the response").isTrue();
            }
            assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_client_that_keeps_working_is_never_cut(@TempDir Path work) throws Exception {
        try (RunningServer server = server(work, "-Dopencpm.http.idle-timeout-seconds=6").start()) {
            // a kept-alive connection busy for longer than the idle limit: one request a second for 9 s
            try (Socket socket = connect(server.port)) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                for (int i = 0; i < 9; i++) {
                    socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(readResponseHead(in)).as("request %d on the same connection", i + 1).startsWith("HTTP/1.1 200");
                    Thread.sleep(1000);
                }
            }
            // an upload that keeps moving, a byte a second for 9 s: longer than the idle and the read limit, never a pause of 4 s
            try (Socket socket = connect(server.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /hooks/x/y HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 20\r\n\r\n{\"a\":\"").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 9; i++) {
                    Thread.sleep(1000);
                    out.write('x');
                    out.flush();
                }
                out.write("\"}   ".getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(5000);
                assertThat(readResponseHead(socket.getInputStream())).as("the slow upload was answered").startsWith("HTTP/1.1 4");
            }
        }
    }

    /**
     * Makes {@link #CONNECTIONS} connections that send nothing, {@link #AT_ONCE} open at a time,
     * each closed with a reset; returns how many the port took.
     */
    private static int flood(int port) throws Exception {
        AtomicInteger connected = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int wave = 0; wave < CONNECTIONS / AT_ONCE; wave++) {
                List<Future<Socket>> sockets = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    sockets.add(threads.submit(() -> {
                        Socket socket = new Socket();
                        try {
                            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                            connected.incrementAndGet();
                        } catch (IOException refusedOrQueueFull) {
                            // beyond the server's accept queue a connection may not get through: the flood's own problem
                        }
                        return socket;
                    }));
                }
                for (Future<Socket> future : sockets) {
                    Socket socket = future.get();
                    try (socket) {
                        if (socket.isConnected()) {
                            socket.setSoLinger(true, 0);
                        }
                    } catch (SocketException alreadyGone) {
                        // the server closed it first
                    }
                }
            }
        }
        return connected.get();
    }

    /** Sends a byte every 500 ms until the server closes the connection (true) or {@code limit} passes (false). */
    private static boolean trickleUntilCut(OutputStream out, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                out.write('x');
                out.flush();
            } catch (IOException cut) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
