package org.opencpm.adapters.persistence;

/** {@link DeliveryQueueContract} on H2 (a file database, as in production). */
class H2DeliveryQueueTest extends DeliveryQueueContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
