package org.opencpm.adapters.persistence;

/** {@link ErasureUseCasesContract} on PostgreSql. */
class PostgreSqlErasureUseCasesTest extends ErasureUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
