package org.opencpm.testfixtures;

import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.testfixtures.contract.ConsentStoreContract;

class InMemoryConsentStoreTest extends ConsentStoreContract {

    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final InMemoryConsentStore store = new InMemoryConsentStore(tx);

    @Override
    protected ConsentStore store() {
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
