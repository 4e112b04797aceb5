package org.opencpm.adapters.persistence;

/** {@link JpaAuditCheckpointsContract} on MariaDb. */
class MariaDbAuditCheckpointsTest extends JpaAuditCheckpointsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
