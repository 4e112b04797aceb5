package org.opencpm.testfixtures;

import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.SubjectStoreContract;

/** The in-memory subject store, the one the core's tests run on, held to the database store's contract. */
class InMemorySubjectStoreTest extends SubjectStoreContract {

    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final InMemorySubjectStore store = new InMemorySubjectStore(tx);
    private final InMemorySubjectStates states = new InMemorySubjectStates(store, new InMemoryConsentStore(tx),
            new InMemoryPreferenceStore(tx));

    @Override
    protected SubjectStore store() {
        return store;
    }

    @Override
    protected SubjectStateSource states() {
        return states;
    }

    @Override
    protected void inTransaction(Runnable work) {
        tx.inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
