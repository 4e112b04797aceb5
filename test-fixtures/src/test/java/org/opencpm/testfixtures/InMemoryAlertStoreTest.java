package org.opencpm.testfixtures;

import org.opencpm.application.port.out.AlertStore;
import org.opencpm.testfixtures.contract.AlertStoreContract;

/** {@link AlertStoreContract} on the in-memory store. */
class InMemoryAlertStoreTest extends AlertStoreContract {

    private final InMemoryAlertStore store = new InMemoryAlertStore();

    @Override
    protected AlertStore store() {
        return store;
    }
}
