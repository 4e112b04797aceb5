package org.opencpm.adapters.persistence;

/** {@link JpaDeliveryQueueContract} on PostgreSql. */
class PostgreSqlDeliveryQueueTest extends JpaDeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
