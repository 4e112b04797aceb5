package org.opencpm.adapters.persistence;

/** {@link JpaConsoleSessionStoreContract} on H2. */
class H2ConsoleSessionStoreTest extends JpaConsoleSessionStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
