package org.opencpm.application.port.out;

/**
 * Changes waiting to be carried to connectors. {@link #enqueue} joins the transaction of the
 * change, so nothing committed is ever lost and nothing rolled back is ever sent.
 */
public interface Outbox {

    void enqueue(ConsentChange change);
}
