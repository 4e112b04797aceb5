package org.opencpm.adapters.persistence;

/** {@link AuditAnchorContract} on H2. */
class H2AuditAnchorTest extends AuditAnchorContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
