package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.connectors.api.Reconciler;

/**
 * The host's scheduled reconciliations: for each running connector with a reconciler and a
 * {@code reconcile.intervalHours} above 0, a run every interval (the first one interval after the
 * start), against the audience the application gives ({@link #feedFrom}), its identifiers opened
 * as for a change. Every node runs its own schedule: the operator sets the key on one node only.
 */
final class Reconciliations implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class.getName());

    /** Where a run reads its audience: the application's consenters (once it has them) and the identifiers. */
    interface Feed {
        Optional<WalkConsentersUseCase> consenters();

        IdentifierResolver identifiers();
    }

    private final ReconcileSchedule schedule;
    private final IdentifierResolver identifiers;
    private volatile Optional<WalkConsentersUseCase> consenters = Optional.empty();

    Reconciliations(ReconcileSchedule schedule, IdentifierResolver identifiers) {
        this.schedule = schedule;
        this.identifiers = identifiers;
    }

    /** The application's consenters, once the decision index is loaded: until then a run fails, saying so. */
    void feedFrom(WalkConsentersUseCase consenters) {
        this.consenters = Optional.of(consenters);
    }

    /**
     * The reconciliation of a connector that starts, scheduled every {@code intervalHours} unless
     * that is 0 (then it only runs when asked, as the test kit does).
     */
    Reconciliation start(Connector.Origin origin, Set<String> purposes, Set<String> identifierTypes, Reconciler reconciler,
                         long intervalHours) {
        Reconciliation reconciliation = new Reconciliation(origin, purposes, identifierTypes, reconciler, new Feed() {
            @Override
            public Optional<WalkConsentersUseCase> consenters() {
                return consenters;
            }

            @Override
            public IdentifierResolver identifiers() {
                return identifiers;
            }
        });
        if (intervalHours > 0) {
            reconciliation.scheduled(schedule.every(Duration.ofHours(intervalHours), reconciliation::runScheduled));
            LOG.info(() -> "connector " + origin.id() + " is reconciled every " + intervalHours + " h, the first time in "
                    + intervalHours + " h (set reconcile.intervalHours on one node only)");
        }
        return reconciliation;
    }

    @Override
    public void close() {
        schedule.close();
    }
}
