package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.testfixtures.contract.AuditCheckpointsContract;

/**
 * The checkpoint store on a database: the port's contract ({@link AuditCheckpointsContract}, which
 * the in-memory store passes too), run as {@link OnThePorts}. Runs on each database through a subclass.
 */
public abstract class JpaAuditCheckpointsContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends AuditCheckpointsContract {

        @Override
        protected AuditCheckpoints store() {
            return persistence.checkpoints();
        }
    }
}
