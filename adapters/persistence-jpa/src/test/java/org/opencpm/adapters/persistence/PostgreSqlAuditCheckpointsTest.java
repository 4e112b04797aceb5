package org.opencpm.adapters.persistence;

/** {@link JpaAuditCheckpointsContract} on PostgreSql. */
class PostgreSqlAuditCheckpointsTest extends JpaAuditCheckpointsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
