package org.opencpm.adapters.rest.stream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body whose read failures are all {@link IOException}s: the server reports a client
 * that went away in the middle of a chunked body as an unchecked exception of its own (Helidon's
 * {@code InsufficientDataAvailableException}), which would otherwise end the request as a 500 and a
 * stack trace in the log for what is the client's doing.
 */
public final class BodyStream extends FilterInputStream {

    private BodyStream(InputStream in) {
        super(in);
    }

    /** {@code body}, or an empty body for none. */
    public static InputStream of(InputStream body) {
        return new BodyStream(body == null ? InputStream.nullInputStream() : body);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RuntimeException broken) {
            throw new IOException("the request body could not be read to its end", broken);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (RuntimeException broken) {
            throw new IOException("the request body could not be read to its end", broken);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return super.available();
        } catch (RuntimeException broken) {
            throw new IOException("the request body could not be read to its end", broken);
        }
    }
}
