package org.opencpm.adapters.persistence;

/** {@link AuditTrailContract} on PostgreSQL. */
class PostgreSqlAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
