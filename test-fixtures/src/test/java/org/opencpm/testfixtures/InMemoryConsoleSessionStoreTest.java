package org.opencpm.testfixtures;

import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.testfixtures.contract.ConsoleSessionStoreContract;

/** {@link ConsoleSessionStoreContract} on the in-memory store. */
class InMemoryConsoleSessionStoreTest extends ConsoleSessionStoreContract {

    private final InMemoryConsoleSessionStore store = new InMemoryConsoleSessionStore();

    @Override
    protected ConsoleSessionStore store() {
        return store;
    }
}
