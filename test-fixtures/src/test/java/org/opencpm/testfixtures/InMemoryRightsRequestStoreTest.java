package org.opencpm.testfixtures;

import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.testfixtures.contract.RightsRequestStoreContract;

/** The in-memory rights request store, the one the core's tests run on, held to the database store's contract. */
class InMemoryRightsRequestStoreTest extends RightsRequestStoreContract {

    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final InMemoryRightsRequestStore store = new InMemoryRightsRequestStore(tx);

    @Override
    protected RightsRequestStore store() {
        return store;
    }

    @Override
    protected void inTransaction(Runnable work) {
        tx.inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
