package org.opencpm.adapters.persistence;

/** {@link JpaConsoleSessionStoreContract} on PostgreSQL. */
class PostgreSqlConsoleSessionStoreTest extends JpaConsoleSessionStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
