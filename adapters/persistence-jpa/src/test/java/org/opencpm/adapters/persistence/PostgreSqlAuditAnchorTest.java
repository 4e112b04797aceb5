package org.opencpm.adapters.persistence;

/** {@link AuditAnchorContract} on PostgreSql. */
class PostgreSqlAuditAnchorTest extends AuditAnchorContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
