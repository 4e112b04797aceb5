package org.opencpm.adapters.rest.stream;

import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a body a line at a time, in bounded memory: lines end with LF or CRLF (the CR is not part
 * of the line), the last one may end without; a UTF-8 byte order mark before the first line is
 * skipped (spreadsheets write one). A line longer than {@code maxBytes} is not kept: its bytes are
 * skipped up to its end and it is reported as {@link #tooLong()}, so one absurd line costs no more
 * memory than a normal one and the lines after it are read as usual.
 *
 * <p>The current line's bytes are {@link #bytes()} from {@link #offset()} for {@link #length()};
 * they stay valid until the next call to {@link #next()}.
 */
public final class LineReader {

    private final InputWindow window;
    private final int maxBytes;
    private long number;
    private int offset;
    private int length;
    private boolean tooLong;

    /**
     * @param beforeWait runs before a read that may block: where the caller flushes what it has written so far
     */
    public LineReader(InputStream in, int maxBytes, Runnable beforeWait) {
        this.window = new InputWindow(in, maxBytes + InputWindow.CHUNK, beforeWait);
        this.maxBytes = maxBytes;
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the body
     * @throws java.io.UncheckedIOException when the body cannot be read to its end
     */
    public boolean next() {
        tooLong = false;
        if (number == 0) {
            window.skipByteOrderMark();
        }
        int scanned = 0;
        while (true) {
            int newline = indexOfNewline(window.start + scanned, window.end);
            if (newline >= 0) {
                take(newline - window.start, newline + 1);
                break;
            }
            scanned = window.end - window.start;
            if (scanned > maxBytes + 1) { // + 1: room for a CR before the LF
                skipToEndOfLine();
                break;
            }
            if (!window.fill()) {
                if (scanned == 0) {
                    return false;
                }
                take(scanned, window.end);
                break;
            }
        }
        number++;
        if (!tooLong) {
            if (length > 0 && window.bytes[offset + length - 1] == '\r') {
                length--;
            }
            if (length > maxBytes) {
                tooLong = true;
                length = 0;
            }
        }
        return true;
    }

    private void take(int lineLength, int nextStart) {
        offset = window.start;
        length = lineLength;
        window.start = nextStart;
    }

    /** Drops the current line's bytes up to and including its LF (or the end of the body). */
    private void skipToEndOfLine() {
        tooLong = true;
        offset = window.start;
        length = 0;
        while (true) {
            int newline = indexOfNewline(window.start, window.end);
            if (newline >= 0) {
                window.start = newline + 1;
                return;
            }
            window.start = window.end;
            if (!window.fill()) {
                return;
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] bytes = window.bytes;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The number of the current line, from 1, counting every line of the body (blank ones too). */
    public long number() {
        return number;
    }

    /** Whether the current line was longer than the limit; then its bytes were skipped and {@link #length()} is 0. */
    public boolean tooLong() {
        return tooLong;
    }

    public byte[] bytes() {
        return window.bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The current line as text, or empty when its bytes are not UTF-8. */
    public Optional<String> text() {
        return Utf8.decode(window.bytes, offset, length);
    }
}
