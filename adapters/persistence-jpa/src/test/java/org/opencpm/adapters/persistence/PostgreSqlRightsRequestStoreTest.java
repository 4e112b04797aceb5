package org.opencpm.adapters.persistence;

/** {@link JpaRightsRequestStoreContract} on PostgreSQL. */
class PostgreSqlRightsRequestStoreTest extends JpaRightsRequestStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
