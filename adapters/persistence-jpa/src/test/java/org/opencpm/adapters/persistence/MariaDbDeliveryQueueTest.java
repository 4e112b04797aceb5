package org.opencpm.adapters.persistence;

/** {@link JpaDeliveryQueueContract} on MariaDb. */
class MariaDbDeliveryQueueTest extends JpaDeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
