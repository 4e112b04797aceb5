package org.opencpm.adapters.persistence;

/** {@link JpaErasureStoresContract} on PostgreSql. */
class PostgreSqlErasureStoresTest extends JpaErasureStoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
