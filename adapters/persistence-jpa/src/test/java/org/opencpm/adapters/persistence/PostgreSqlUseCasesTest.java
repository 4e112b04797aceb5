package org.opencpm.adapters.persistence;

/** {@link UseCasesContract} on PostgreSQL. */
class PostgreSqlUseCasesTest extends UseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
