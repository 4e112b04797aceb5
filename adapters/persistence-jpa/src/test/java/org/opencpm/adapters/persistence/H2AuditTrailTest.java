package org.opencpm.adapters.persistence;

/** {@link AuditTrailContract} on H2 (a file database, as in production). */
class H2AuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
