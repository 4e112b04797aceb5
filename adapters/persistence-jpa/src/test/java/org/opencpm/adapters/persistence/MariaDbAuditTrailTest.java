package org.opencpm.adapters.persistence;

/** {@link AuditTrailContract} on MariaDB. */
class MariaDbAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
