package org.opencpm.adapters.persistence;

/** {@link ExpiryUseCaseContract} on PostgreSQL. */
class PostgreSqlExpiryTest extends ExpiryUseCaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
