package org.opencpm.adapters.persistence;

/** {@link JpaAttachmentStoreContract} on PostgreSql. */
class PostgreSqlAttachmentStoreTest extends JpaAttachmentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
