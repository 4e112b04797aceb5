package org.opencpm.adapters.persistence;

/** {@link DeliveryQueueContract} on PostgreSql. */
class PostgreSqlDeliveryQueueTest extends DeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
