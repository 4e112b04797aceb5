package org.opencpm.adapters.persistence;

/** {@link MergeUseCasesContract} on PostgreSQL. */
class PostgreSqlMergeUseCasesTest extends MergeUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
