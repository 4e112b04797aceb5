package org.opencpm.adapters.persistence;

/** {@link JpaAlertStoreContract} on MariaDB. */
class MariaDbAlertStoreTest extends JpaAlertStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
