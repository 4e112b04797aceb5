package org.opencpm.adapters.persistence;

/** {@link JpaConsentStoreContract} on MariaDB. */
class MariaDbConsentStoreTest extends JpaConsentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
