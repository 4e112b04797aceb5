package org.opencpm.adapters.persistence;

/** {@link JpaAttachmentStoreContract} on MariaDb. */
class MariaDbAttachmentStoreTest extends JpaAttachmentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
