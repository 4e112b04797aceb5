package org.opencpm.adapters.persistence;

/** {@link StoresContract} on PostgreSQL. */
class PostgreSqlStoresTest extends StoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
