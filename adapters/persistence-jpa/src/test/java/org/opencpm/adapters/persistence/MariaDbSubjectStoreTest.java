package org.opencpm.adapters.persistence;

/** {@link JpaSubjectStoreContract} on MariaDB. */
class MariaDbSubjectStoreTest extends JpaSubjectStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
