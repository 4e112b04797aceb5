package org.opencpm.adapters.persistence;

/** {@link BatchUseCasesContract} on PostgreSql. */
class PostgreSqlBatchUseCasesTest extends BatchUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
