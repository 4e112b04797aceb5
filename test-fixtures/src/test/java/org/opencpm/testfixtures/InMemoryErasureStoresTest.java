package org.opencpm.testfixtures;

import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.ErasureStoresContract;

/** The in-memory stores of crypto-shredding, the ones the core's tests run on, held to the database stores' contract. */
class InMemoryErasureStoresTest extends ErasureStoresContract {

    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final InMemorySubjectKeyStore keys = new InMemorySubjectKeyStore(tx);
    private final InMemoryErasureStore erasures = new InMemoryErasureStore(tx);
    private final InMemorySubjectStore subjects = new InMemorySubjectStore(tx);

    @Override
    protected SubjectStore subjects() {
        return subjects;
    }

    @Override
    protected SubjectKeyStore keys() {
        return keys;
    }

    @Override
    protected ErasureStore erasures() {
        return erasures;
    }

    @Override
    protected void inTransaction(Runnable work) {
        tx.inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
