package org.opencpm.adapters.persistence;

/** {@link JpaAlertStoreContract} on PostgreSQL. */
class PostgreSqlAlertStoreTest extends JpaAlertStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
