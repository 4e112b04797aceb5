/**
 * Contract suites of the application's ports: abstract JUnit classes that an implementation's
 * test extends (or nests), so that the in-memory adapters and the database adapter are held to
 * the same rules. {@link org.opencpm.testfixtures.contract.DeliveryQueueContract}: the delivery
 * queue's three ports; {@link org.opencpm.testfixtures.contract.SendBudgetContract}: the send
 * budget behind frequency caps.
 */
package org.opencpm.testfixtures.contract;
