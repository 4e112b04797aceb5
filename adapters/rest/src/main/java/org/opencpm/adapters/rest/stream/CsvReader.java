package org.opencpm.adapters.rest.stream;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads RFC 4180 CSV a record at a time, in bounded memory: fields separated by commas, records by
 * CRLF or LF; a field in double quotes may hold commas, line breaks and doubled quotes ({@code ""}
 * for one). A UTF-8 byte order mark before the first record is skipped.
 *
 * <p>A record that breaks the grammar is reported, not repaired, and reading goes on with the next
 * one: a quote inside an unquoted field, text after a closing quote, a quoted field still open at
 * the end of the body ({@link #problem()}); a field that is not UTF-8; a record longer than
 * {@code maxBytes}, whose bytes are skipped to its end ({@link #tooLong()}). Where a record ends is
 * decided as it is read, before it is parsed, by the same rules, so a broken record never takes the
 * next one with it — except an opening quote never closed, which takes the rest of the body: that
 * record is then too long, or open at the end.
 */
public final class CsvReader {

    /** Where a scan stands within a record. */
    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE }

    private final InputWindow window;
    private final int maxBytes;
    private long number;
    private List<String> fields = List.of();
    private Optional<String> problem = Optional.empty();
    private boolean tooLong;
    private boolean blank;

    /** @param beforeWait runs before a read that may block: where the caller flushes what it has written so far */
    public CsvReader(InputStream in, int maxBytes, Runnable beforeWait) {
        this.window = new InputWindow(in, maxBytes + InputWindow.CHUNK, beforeWait);
        this.maxBytes = maxBytes;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the body
     * @throws java.io.UncheckedIOException when the body cannot be read to its end
     */
    public boolean next() {
        fields = List.of();
        problem = Optional.empty();
        tooLong = false;
        blank = false;
        if (number == 0) {
            window.skipByteOrderMark();
        }
        State state = State.FIELD_START;
        int scanned = 0;
        int recordEnd = -1;
        int nextStart = -1;
        while (recordEnd < 0) {
            byte[] bytes = window.bytes;
            int i = window.start + scanned;
            for (; i < window.end; i++) {
                state = step(state, bytes[i]);
                if (state == null) {
                    break;
                }
            }
            if (state == null) { // a record-ending LF at i
                recordEnd = i;
                nextStart = i + 1;
                break;
            }
            scanned = window.end - window.start;
            if (scanned > maxBytes + 1) {
                skipToEndOfRecord(state);
                number++;
                tooLong = true;
                return true;
            }
            if (!window.fill()) {
                if (scanned == 0) {
                    return false;
                }
                recordEnd = window.end;
                nextStart = window.end;
                if (state == State.QUOTED) {
                    problem = Optional.of("a quoted field is not closed before the end of the body");
                }
            }
        }
        number++;
        int from = window.start;
        window.start = nextStart;
        int to = recordEnd;
        if (to > from && window.bytes[to - 1] == '\r') {
            to--;
        }
        if (to - from > maxBytes) {
            tooLong = true;
            return true;
        }
        blank = to == from;
        if (problem.isEmpty()) {
            parse(window.bytes, from, to);
        }
        return true;
    }

    /** One byte of the scan for the record's end: the state after it, or null at the LF that ends the record. */
    private static State step(State state, byte b) {
        return switch (state) {
            case FIELD_START -> b == '"' ? State.QUOTED : b == '\n' ? null : b == ',' ? State.FIELD_START : State.UNQUOTED;
            case UNQUOTED -> b == '\n' ? null : b == ',' ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> b == '"' ? State.AFTER_QUOTE : State.QUOTED;
            case AFTER_QUOTE -> b == '"' ? State.QUOTED : b == '\n' ? null : b == ',' ? State.FIELD_START : State.UNQUOTED;
        };
    }

    private void skipToEndOfRecord(State state) {
        while (true) {
            byte[] bytes = window.bytes;
            for (int i = window.start; i < window.end; i++) {
                state = step(state, bytes[i]);
                if (state == null) {
                    window.start = i + 1;
                    return;
                }
            }
            window.start = window.end;
            if (!window.fill()) {
                return;
            }
        }
    }

    /**
     * Splits the record's bytes into fields, undoing the quoting; notes the first problem it finds.
     * A quoted field is unquoted in place (it only shrinks, so what is written never overtakes what
     * is read): the record's bytes are not needed again, and no field buffer is held per reader.
     */
    private void parse(byte[] bytes, int from, int to) {
        List<String> out = new ArrayList<>();
        int i = from;
        while (true) {
            int fieldStart;
            int fieldEnd;
            if (i < to && bytes[i] == '"') {
                i++;
                fieldStart = i;
                fieldEnd = i;
                boolean closed = false;
                while (i < to) {
                    byte b = bytes[i++];
                    if (b == '"') {
                        if (i < to && bytes[i] == '"') {
                            bytes[fieldEnd++] = '"';
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        bytes[fieldEnd++] = b;
                    }
                }
                if (!closed) {
                    problem = Optional.of("a quoted field is not closed");
                    return;
                }
                if (i < to && bytes[i] != ',') {
                    problem = Optional.of("text follows the closing quote of field " + (out.size() + 1));
                    return;
                }
            } else {
                fieldStart = i;
                while (i < to && bytes[i] != ',') {
                    if (bytes[i++] == '"') {
                        problem = Optional.of("field " + (out.size() + 1) + " has a quote but is not quoted (write \"\" inside a quoted field)");
                        return;
                    }
                }
                fieldEnd = i;
            }
            Optional<String> text = Utf8.decode(bytes, fieldStart, fieldEnd - fieldStart);
            if (text.isEmpty()) {
                problem = Optional.of("field " + (out.size() + 1) + " is not UTF-8");
                return;
            }
            out.add(text.get());
            if (i >= to) {
                break;
            }
            i++; // the comma
        }
        fields = out;
    }

    /** The number of the current record, from 1 (the header, when there is one), blank lines included. */
    public long number() {
        return number;
    }

    /** The current record's fields; empty when it has a {@link #problem()} or is {@link #tooLong()}. */
    public List<String> fields() {
        return fields;
    }

    /** What is wrong with the current record's grammar or encoding, if anything. */
    public Optional<String> problem() {
        return problem;
    }

    /** Whether the current record was longer than the limit (its bytes skipped). */
    public boolean tooLong() {
        return tooLong;
    }

    /** Whether the current record is an empty line. */
    public boolean blank() {
        return blank;
    }
}
