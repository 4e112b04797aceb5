package org.opencpm.adapters.rest.stream;

import jakarta.ws.rs.core.StreamingOutput;

/**
 * An answer written while the request body is still being read: its flushes reach the client at
 * once ({@link CommitOnFlush}), where a plain {@link StreamingOutput}'s first 8 KiB are held back.
 */
@FunctionalInterface
public interface StreamedAnswer extends StreamingOutput {
}
