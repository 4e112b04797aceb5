package org.opencpm.adapters.persistence;

/** {@link JpaConsentStoreContract} on PostgreSQL. */
class PostgreSqlConsentStoreTest extends JpaConsentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
