package org.opencpm.adapters.persistence;

/** {@link JpaAuditCheckpointsContract} on H2 (a file database, as in production). */
class H2AuditCheckpointsTest extends JpaAuditCheckpointsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
