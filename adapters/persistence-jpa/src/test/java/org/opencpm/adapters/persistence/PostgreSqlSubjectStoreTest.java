package org.opencpm.adapters.persistence;

/** {@link JpaSubjectStoreContract} on PostgreSQL. */
class PostgreSqlSubjectStoreTest extends JpaSubjectStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
