package org.opencpm.adapters.persistence;

/** {@link AuditAnchorContract} on MariaDb. */
class MariaDbAuditAnchorTest extends AuditAnchorContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
