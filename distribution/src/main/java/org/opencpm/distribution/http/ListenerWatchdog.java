package org.opencpm.distribution.http;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Notices a listener that no longer accepts connections. Helidon ends its accept loop for good
 * when accepting fails (for instance with "Too many open files"); the process then lives on with a
 * closed port. Every {@link #PERIOD} this connects to the server's own port: refused means the
 * listener is gone. Readiness then reports DOWN, the log says so once, and after
 * {@code opencpm.http.listener-down-exit-seconds} the process exits with status 70 so that its
 * supervisor (systemd, Kubernetes, a container runtime) starts a working one — a server that
 * cannot serve must not pretend to run. A connection that waits in the accept queue (the
 * connection cap is reached) counts as answering: the listener is alive, only busy.
 */
@ApplicationScoped
public class ListenerWatchdog {

    /** The exit status of a process whose listener died: EX_SOFTWARE. */
    public static final int EXIT_LISTENER_DOWN = 70;
    static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ListenerWatchdog.class.getName());

    private volatile boolean answering = true;
    private volatile long downSince;
    private ScheduledExecutorService timer;
    private InetSocketAddress address;
    private Duration exitAfter;

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 200) @Initialized(ApplicationScoped.class) Object started,
               BeanManager beans, Config config) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        if (!server.started()) {
            return;
        }
        String host = server.host();
        boolean wildcard = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::");
        address = new InetSocketAddress(wildcard ? "127.0.0.1" : host, server.port());
        reportLimits(config);
        exitAfter = Duration.ofSeconds(config.getOptionalValue("opencpm.http.listener-down-exit-seconds", Integer.class).orElse(30));
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("opencpm-listener-watchdog").factory());
        timer.scheduleWithFixedDelay(this::probe, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Says once what the listener's limits are, and warns when the connection cap leaves no room for the rest of the server. */
    private static void reportLimits(Config config) {
        long openFiles = OpenFiles.limit();
        int cap = config.getOptionalValue(ListenerDefaults.MAX_CONNECTIONS, Integer.class).orElse(-1);
        LOG.info(() -> "HTTP listener: at most " + cap + " connections (open-file limit " + openFiles + "), idle timeout "
                + config.getOptionalValue("opencpm.http.idle-timeout-seconds", String.class).orElse("?") + " s, request head within "
                + config.getOptionalValue("opencpm.http.header-timeout-seconds", String.class).orElse("?") + " s, pauses in a request under "
                + config.getOptionalValue("opencpm.http.read-timeout-seconds", String.class).orElse("?") + " s");
        if (openFiles > 0 && (cap < 0 || cap > OpenFiles.connectionsWithin(openFiles))) {
            LOG.warning(() -> ListenerDefaults.MAX_CONNECTIONS + "=" + cap + " leaves too few of the " + openFiles
                    + " open files for the rest of the server: when they run out the listener stops for good."
                    + " Lower it to at most " + OpenFiles.connectionsWithin(openFiles) + " or raise the open-file limit.");
        }
    }

    /** Whether the listener accepted connections at the last probe. */
    public boolean answering() {
        return answering;
    }

    private void probe() {
        boolean nowAnswering;
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) PERIOD.toMillis());
            nowAnswering = true;
        } catch (ConnectException refused) {
            nowAnswering = false;
        } catch (IOException other) {
            // no descriptor left for the probe itself, or a slow accept queue: not proof of a dead listener
            nowAnswering = answering;
        }
        if (!nowAnswering && answering) {
            downSince = System.nanoTime();
            LOG.severe(() -> "the HTTP listener on " + address + " no longer accepts connections; readiness is DOWN"
                    + (exitAfter.isZero() ? "" : " and the server exits in " + exitAfter.toSeconds() + " s unless it recovers"));
        } else if (nowAnswering && !answering) {
            LOG.warning(() -> "the HTTP listener on " + address + " accepts connections again");
        }
        answering = nowAnswering;
        if (!answering && !exitAfter.isZero() && System.nanoTime() - downSince >= exitAfter.toNanos()) {
            LOG.log(Level.SEVERE, "exiting with status {0} so that a supervisor can start a server that serves", EXIT_LISTENER_DOWN);
            Thread.ofPlatform().start(() -> System.exit(EXIT_LISTENER_DOWN));
            timer.shutdown();
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
