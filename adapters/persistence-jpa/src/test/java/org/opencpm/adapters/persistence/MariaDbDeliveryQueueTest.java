package org.opencpm.adapters.persistence;

/** {@link DeliveryQueueContract} on MariaDb. */
class MariaDbDeliveryQueueTest extends DeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
