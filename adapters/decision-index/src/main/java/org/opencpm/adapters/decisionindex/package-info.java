/**
 * The decision index: what decisions are read from, in memory, never touching the database on a
 * read. Each subject is kept as one packed byte array (ADR 0020): {@link
 * org.opencpm.adapters.decisionindex.MemoryDecisionIndex} is the port's implementation, the other
 * classes its representation. Depends on the application's ports and the domain only.
 */
package org.opencpm.adapters.decisionindex;
