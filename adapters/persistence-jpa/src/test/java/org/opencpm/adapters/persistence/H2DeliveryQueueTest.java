package org.opencpm.adapters.persistence;

/** {@link JpaDeliveryQueueContract} on H2 (a file database, as in production). */
class H2DeliveryQueueTest extends JpaDeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
