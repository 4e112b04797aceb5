package org.opencpm.distribution.http;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * Notices a listener that no longer serves. Helidon ends its accept loop for good when accepting
 * fails (for instance with "Too many open files"), and its accept loop waits without a limit for a
 * free place under the connection cap (places that Helidon 4.1.6 itself loses, one per failed TLS
 * handshake); either way the process lives on and serves nothing. Every {@link #PERIOD} this asks
 * the server's own port for {@code GET /health/live} ({@link ServingProbe}): refused, or no status
 * line within {@link #PROBE_TIMEOUT}, means it does not serve. A connection the kernel accepts into
 * its queue is not an answer. Readiness then reports DOWN, the log says so once, and after {@code
 * opencpm.http.listener-down-exit-seconds} without an answer the process exits with status 70 so
 * that its supervisor (systemd, Kubernetes, a container runtime) starts a working one: a server
 * that cannot serve must not pretend to run. A listener that is only busy for a while (every place
 * taken until the timeouts free some) is not ready for as long, and is restarted only if that lasts.
 * The watchdog stops before the server does, so that a shutdown is not mistaken for a failure.
 */
@ApplicationScoped
public class ListenerWatchdog {

    /** The exit status of a process whose listener died: EX_SOFTWARE. */
    public static final int EXIT_LISTENER_DOWN = 70;
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ListenerWatchdog.class.getName());

    private volatile boolean serving = true;
    private volatile boolean stopped;
    private volatile long downSince;
    private ScheduledExecutorService timer;
    private ServingProbe probe;
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
        probe = usesTls(config) ? ServingProbe.https(address, PROBE_TIMEOUT) : ServingProbe.http(address, PROBE_TIMEOUT);
        reportLimits(config);
        exitAfter = Duration.ofSeconds(config.getOptionalValue("opencpm.http.listener-down-exit-seconds", Integer.class).orElse(30));
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("opencpm-listener-watchdog").factory());
        timer.scheduleWithFixedDelay(this::probe, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the default socket speaks HTTPS: Helidon enables TLS when {@code server.tls} is configured and not disabled. */
    static boolean usesTls(Config config) {
        boolean configured = StreamSupport.stream(config.getPropertyNames().spliterator(), false).anyMatch(name -> name.startsWith("server.tls."));
        return configured && config.getOptionalValue("server.tls.enabled", Boolean.class).orElse(true);
    }

    /** Says once what the listener's limits are, and warns when the connection cap leaves no room for the rest of the server. */
    private static void reportLimits(Config config) {
        long openFiles = OpenFiles.limit();
        int cap = config.getOptionalValue(ListenerDefaults.MAX_CONNECTIONS, Integer.class).orElse(-1);
        LOG.info(() -> "HTTP listener: at most " + cap + " connections (open-file limit " + openFiles + "), "
                + setting(config, ConnectionsPerAddress.MAX) + " per client address, idle timeout "
                + setting(config, "opencpm.http.idle-timeout-seconds") + " s, request head within "
                + setting(config, "opencpm.http.header-timeout-seconds") + " s, pauses in a request under "
                + setting(config, "opencpm.http.read-timeout-seconds") + " s, writes blocked under "
                + setting(config, "opencpm.http.write-timeout-seconds") + " s");
        if (openFiles > 0 && (cap < 0 || cap > OpenFiles.connectionsWithin(openFiles))) {
            LOG.warning(() -> ListenerDefaults.MAX_CONNECTIONS + "=" + cap + " leaves too few of the " + openFiles
                    + " open files for the rest of the server: when they run out the listener stops for good."
                    + " Lower it to at most " + OpenFiles.connectionsWithin(openFiles) + " or raise the open-file limit.");
        }
    }

    private static String setting(Config config, String key) {
        return config.getOptionalValue(key, String.class).orElse("?");
    }

    /** Whether the listener served the last probe. */
    public boolean serving() {
        return serving;
    }

    private void probe() {
        ServingProbe.Answer answer = probe.probe();
        if (stopped || answer == ServingProbe.Answer.UNKNOWN) {
            return;
        }
        boolean nowServing = answer == ServingProbe.Answer.SERVED;
        if (!nowServing && serving) {
            downSince = System.nanoTime();
            LOG.severe(() -> "the HTTP listener on " + address + " does not serve: no answer to a request within "
                    + PROBE_TIMEOUT.toSeconds() + " s; readiness is DOWN"
                    + (exitAfter.isZero() ? "" : " and the server exits in " + exitAfter.toSeconds() + " s unless it recovers"));
        } else if (nowServing && !serving) {
            LOG.warning(() -> "the HTTP listener on " + address + " serves again; readiness is UP");
        }
        serving = nowServing;
        if (!serving && !exitAfter.isZero() && System.nanoTime() - downSince >= exitAfter.toNanos()) {
            LOG.log(Level.SEVERE, "exiting with status {0} so that a supervisor can start a server that serves", EXIT_LISTENER_DOWN);
            Thread.ofPlatform().start(() -> System.exit(EXIT_LISTENER_DOWN));
            timer.shutdown();
        }
    }

    /** Helidon stops the server on this event at priority {@code PLATFORM_BEFORE}: the watchdog stops just before. */
    void beforeShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (probe != null) {
            probe.abort();
        }
    }
}
