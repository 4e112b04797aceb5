package org.opencpm.testfixtures;

import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.testfixtures.contract.AuditCheckpointsContract;

/** The in-memory checkpoint store, held to the database store's contract. */
class InMemoryAuditCheckpointsTest extends AuditCheckpointsContract {

    private final InMemoryAuditCheckpoints store = new InMemoryAuditCheckpoints();

    @Override
    protected AuditCheckpoints store() {
        return store;
    }
}
