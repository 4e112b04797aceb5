package org.opencpm.adapters.persistence;

/** {@link JpaRightsRequestStoreContract} on MariaDB. */
class MariaDbRightsRequestStoreTest extends JpaRightsRequestStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
