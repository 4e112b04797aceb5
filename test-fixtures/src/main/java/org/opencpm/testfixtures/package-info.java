/**
 * In-memory adapters for every outbound port of the application, real enough to test use cases
 * against (transactions roll back, the audit trail is chained, the vault really hashes and
 * encrypts), and builders that make test data read like the story it sets up.
 *
 * <p>{@link org.opencpm.testfixtures.InMemoryOpenCpm} wires all use cases on these adapters. The
 * delivery queue among them is the connector runtime's in-memory one, which the connector test
 * kit runs on too; the contract suites every implementation passes are in
 * {@code org.opencpm.testfixtures.contract}.
 */
package org.opencpm.testfixtures;
