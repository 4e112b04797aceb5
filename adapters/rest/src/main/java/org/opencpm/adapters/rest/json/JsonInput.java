package org.opencpm.adapters.rest.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body as one JSON object under a size limit, refusing anything else with a
 * {@link JsonInputException}; the grammar it holds bodies to is {@link StrictJson}'s.
 */
public final class JsonInput {

    /** The default body limit of the API: 1 MiB. */
    public static final long DEFAULT_LIMIT = 1024 * 1024;

    private JsonInput() {
    }

    /** The body as a JSON object, strictly UTF-8, at most {@code limit} bytes. */
    public static Fields object(InputStream body, long limit) {
        if (body == null) {
            throw new JsonInputException(null, "a JSON object is required as the request body");
        }
        return Fields.root(StrictJson.object(bytes(body, limit)));
    }

    public static Fields object(InputStream body) {
        return object(body, DEFAULT_LIMIT);
    }

    /**
     * For an action that reads no input: no body at all, or the empty object {@code {}}; anything
     * else is refused (400), so that a client who believes it is passing options learns that none
     * is read, rather than having them silently ignored.
     */
    public static void none(InputStream body) {
        none(body, DEFAULT_LIMIT);
    }

    /** As {@link #none(InputStream)}, with a body of more than {@code limit} bytes refused (413). */
    public static void none(InputStream body, long limit) {
        byte[] bytes = bytes(body, limit);
        if (bytes.length > 0 && !StrictJson.object(bytes).isEmpty()) {
            throw new JsonInputException(null, "this action takes no input: send no body, or {}");
        }
    }

    /**
     * The raw body, at most {@code limit} bytes (none for no body); a longer one is refused with
     * 413, one that cannot be read to its end (a broken chunked encoding, a client that stopped
     * sending) with 400 — the client's fault, not the server's.
     */
    public static byte[] bytes(InputStream body, long limit) {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = new LimitedInputStream(body, limit)) {
            return readAll(in);
        } catch (PayloadTooLargeException tooLarge) {
            throw tooLarge;
        } catch (IOException | RuntimeException unreadable) {
            throw new JsonInputException(null, "the request body could not be read to its end");
        }
    }

    /**
     * Reads to the end into a buffer that starts small and doubles: most bodies are a few hundred
     * bytes, and {@code readAllBytes} would allocate 16 KB for each of them (a fifth of what a
     * decision request allocated, P3).
     */
    private static byte[] readAll(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
            }
            length += read;
        }
    }
}
