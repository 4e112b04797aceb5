/**
 * The use cases of OpenCPM, one service per operation of the HTTP API, each behind an interface
 * in {@link org.opencpm.application.port.in}. A service reaches storage, the audit trail, the
 * outbox, the clock and the identity vault only through the interfaces of
 * {@link org.opencpm.application.port.out}, so the same use case runs on in-memory adapters in
 * tests and on JPA, Camel and the decision index in production.
 *
 * <p>Depends on: the domain. Never on an adapter, JPA, Camel, PF4J, Helidon or a JSON library
 * (an ArchUnit test fails the build if it does).
 */
package org.opencpm.application;
