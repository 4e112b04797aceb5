package org.opencpm.adapters.persistence;

/** {@link JpaConsoleSessionStoreContract} on MariaDB. */
class MariaDbConsoleSessionStoreTest extends JpaConsoleSessionStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
