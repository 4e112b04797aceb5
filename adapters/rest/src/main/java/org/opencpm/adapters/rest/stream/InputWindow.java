package org.opencpm.adapters.rest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A window of bytes over a request body, refilled as it is consumed: what the readers of lines and
 * of CSV records scan. The unconsumed bytes are moved to the front before each refill, so an item
 * being read stays in one piece, and the window grows, up to {@code capacity}, only while a single
 * item needs it: memory stays bounded whatever the size of the body.
 *
 * <p>{@code beforeWait} runs before a read that may block (no bytes are available yet): the place
 * for a streaming endpoint to flush what it has answered so far, so that the client sees the
 * answers to the lines it has sent while it prepares the next ones, and a fast client's answers
 * still go out in large writes.
 */
final class InputWindow {

    static final int CHUNK = 64 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int capacity;
    private final Runnable beforeWait;
    byte[] bytes;
    /** The first unconsumed byte. */
    int start;
    /** One past the last byte read. */
    int end;
    private boolean eof;

    InputWindow(InputStream in, int capacity, Runnable beforeWait) {
        this.in = in;
        this.capacity = Math.max(capacity, CHUNK);
        this.beforeWait = beforeWait;
        this.bytes = new byte[CHUNK];
    }

    /**
     * Skips a UTF-8 byte order mark at the very start of the body (spreadsheets write one), so that
     * no reader sees it as part of its first item; called once, before the first item is read.
     */
    void skipByteOrderMark() {
        while (end - start < BOM.length && fill()) {
            // read until the mark could be complete, or the body ends
        }
        if (end - start >= BOM.length && bytes[start] == BOM[0] && bytes[start + 1] == BOM[1] && bytes[start + 2] == BOM[2]) {
            start += BOM.length;
        }
    }

    boolean eof() {
        return eof;
    }

    /** Whether the unconsumed bytes fill the whole capacity: no more can be read before some are consumed. */
    boolean full() {
        return end - start >= capacity;
    }

    /**
     * Reads more bytes after those not yet consumed, moving them to the front first.
     *
     * @return false at the end of the body
     * @throws UncheckedIOException when the body cannot be read (the client went away, a broken chunk)
     */
    boolean fill() {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == bytes.length) {
            byte[] larger = new byte[Math.min(capacity, bytes.length * 2)];
            System.arraycopy(bytes, 0, larger, 0, end);
            bytes = larger;
        }
        try {
            if (in.available() <= 0) {
                beforeWait.run();
            }
            int n = in.read(bytes, end, bytes.length - end);
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
