package org.opencpm.application.port.out;

import java.util.List;

/**
 * Changes waiting to be carried to connectors. {@link #enqueue} joins the transaction of the
 * change, so nothing committed is ever lost and nothing rolled back is ever sent.
 */
public interface Outbox {

    /**
     * Keeps {@code change}, and one delivery of it for each connector in {@code connectors} (the
     * {@link DeliveryQueue} hands them out to the dispatchers).
     */
    void enqueue(ConsentChange change, List<String> connectors);
}
