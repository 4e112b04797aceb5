package org.opencpm.connectors.runtime;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.connectors.api.Audience;
import org.opencpm.connectors.api.AudienceMember;
import org.opencpm.connectors.api.Reconciler;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * One running connector's reconciler as the host runs it: against the audience of its purposes,
 * under its plugin's class loader, one run at a time, a failure logged without secrets. Scheduled
 * by {@link Reconciliations}; closed with the connector.
 */
final class Reconciliation implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());

    private final Connector.Origin origin;
    private final Set<String> purposes;
    private final Set<String> identifierTypes;
    private final Reconciler reconciler;
    private final Reconciliations.Feed feed;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Optional<ReconcileSchedule.Scheduled> scheduled = Optional.empty();

    /**
     * @param purposes        the connector's {@code purposes} (none: every purpose)
     * @param identifierTypes the identifier types its descriptor declares
     */
    Reconciliation(Connector.Origin origin, Set<String> purposes, Set<String> identifierTypes, Reconciler reconciler,
                   Reconciliations.Feed feed) {
        this.origin = origin;
        this.purposes = Set.copyOf(purposes);
        this.identifierTypes = Set.copyOf(identifierTypes);
        this.reconciler = reconciler;
        this.feed = feed;
    }

    void scheduled(ReconcileSchedule.Scheduled task) {
        scheduled = Optional.of(task);
    }

    /** A scheduled run: a failure is logged, and the next interval tries again. */
    void runScheduled() {
        try {
            run();
        } catch (IllegalStateException failed) {
            // already logged
        }
    }

    /**
     * Runs the reconciler now, on this thread.
     *
     * @return how many people the audience held (at its last walk)
     * @throws IllegalStateException, without secrets, when it failed or another run is under way
     */
    long run() {
        if (!running.tryLock()) {
            String busy = "connector " + origin.id() + ": a reconciliation is already running; this one is skipped";
            LOG.info(busy);
            throw new IllegalStateException(busy);
        }
        try {
            WalkConsentersUseCase consenters = feed.consenters().orElseThrow(
                    () -> new IllegalStateException("the audience is not available yet (the decision index is loading)"));
            Set<PurposeCode> asked = purposes.stream().map(PurposeCode::of).collect(Collectors.toUnmodifiableSet());
            Set<PurposeCode> walked = consenters.purposes(asked);
            AtomicLong members = new AtomicLong();
            Audience audience = new Audience() {
                @Override
                public Set<String> purposes() {
                    return walked.stream().map(PurposeCode::value).collect(Collectors.toUnmodifiableSet());
                }

                @Override
                public void forEach(Consumer<AudienceMember> member) {
                    long given = consenters.forEachConsenter(walked, subject -> member.accept(
                            new AudienceMember(subject.value(), feed.identifiers().identifiersOf(subject.value(), identifierTypes))));
                    members.set(given);
                }
            };
            PluginCalls.withContextLoader(origin.loader(), () -> {
                reconciler.reconcile(audience);
                return null;
            });
            LOG.info(() -> "connector " + origin.id() + " reconciled: the platform was reset to " + members.get() + " people");
            return members.get();
        } catch (Exception | LinkageError | AssertionError e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException) {
                // stopped with its connector: no failure, and nothing is tried again
                Thread.currentThread().interrupt();
                LOG.info(() -> "connector " + origin.id() + ": the reconciliation under way was stopped with the connector");
                throw new IllegalStateException("stopped");
            }
            // whatever escaped a scheduled task would silently end its schedule: only the JVM's own errors may
            String failure = "connector " + origin.id() + ": the reconciliation failed, the next interval tries again: "
                    + origin.scrubber().scrub(PluginCalls.message(e));
            LOG.warning(failure);
            throw new IllegalStateException(failure);
        } finally {
            running.unlock();
        }
    }

    /** Nothing more is scheduled; a run under way is interrupted. */
    @Override
    public void close() {
        scheduled.ifPresent(ReconcileSchedule.Scheduled::close);
    }
}
