/**
 * Streaming bodies for the bulk endpoints ({@code decisions:filter}, {@code datasets:gate}): request
 * bodies read a line or a CSV record at a time from a fixed window of bytes, never whole, so that a
 * request of any size runs in bounded memory; each line or record is bounded in bytes and decoded
 * strictly as UTF-8 on its own, so that one bad line is answered on its own and the rest of the
 * stream goes on.
 *
 * <p>Answers go out as they are written ({@link org.opencpm.adapters.rest.stream.StreamedAnswer},
 * {@link org.opencpm.adapters.rest.stream.CommitOnFlush}), flushed whenever the reader is about to
 * wait for more of the body ({@link org.opencpm.adapters.rest.stream.Flusher}).
 *
 * <p>Depends on: the JDK, JAX-RS, and Jersey's {@code CommittingOutputStream} (the runtime Helidon MP
 * provides) for the one thing JAX-RS cannot say: send this answer's first bytes now.
 */
package org.opencpm.adapters.rest.stream;
