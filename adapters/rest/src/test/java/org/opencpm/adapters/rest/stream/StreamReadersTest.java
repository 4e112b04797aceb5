package org.opencpm.adapters.rest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The line and CSV readers give the same lines and records however the body arrives: whole, or a
 * few bytes per read, so that every line, record, quoted line break and CRLF is cut across reads
 * somewhere; and a CSV written by {@link CsvWriter} reads back as it was written.
 */
class StreamReadersTest {

    /** Hands out at most {@code max} bytes per read (at least one), at random. */
    private static InputStream trickle(byte[] bytes, Random random, int max) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(max)));
            }
        };
    }

    private static List<String> lines(InputStream in, int maxBytes) {
        LineReader reader = new LineReader(in, maxBytes, () -> { });
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            out.add(reader.number() + ":" + (reader.tooLong() ? "<too long>" : reader.text().orElse("<not utf-8>")));
        }
        return out;
    }

    @Test
    void lines_are_the_same_whole_or_trickled() {
        Random random = new Random(13);
        for (int round = 0; round < 200; round++) {
            StringBuilder body = new StringBuilder(round % 2 == 0 ? "\uFEFF" : "");
            int count = random.nextInt(50);
            for (int i = 0; i < count; i++) {
                int length = random.nextInt(random.nextInt(10) == 0 ? 300 : 30);
                for (int j = 0; j < length; j++) {
                    body.append("ab:1 张\r".charAt(random.nextInt(7)));
                }
                body.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            if (random.nextBoolean()) {
                body.append("last line without a break");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            List<String> whole = lines(new ByteArrayInputStream(bytes), 200);
            assertThat(lines(trickle(bytes, random, 7), 200)).as("round " + round).isEqualTo(whole);
            assertThat(whole).hasSize(count + (body.toString().endsWith("break") ? 1 : 0));
            if (!whole.isEmpty()) {
                assertThat(whole.getFirst()).doesNotContain("\uFEFF");
            }
        }
    }

    @Test
    void a_line_over_the_limit_is_skipped_whole_and_the_next_one_read() {
        byte[] bytes = ("a:1\n" + "x".repeat(300_000) + "\r\nb:2\n" + "y".repeat(201) + "\nc:3").getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("1:a:1", "2:<too long>", "3:b:2", "4:<too long>", "5:c:3");
        assertThat(lines(new ByteArrayInputStream(bytes), 200)).isEqualTo(expected);
        assertThat(lines(trickle(bytes, new Random(1), 5000), 200)).isEqualTo(expected);
        assertThat(lines(new ByteArrayInputStream(("x".repeat(200) + "\r\n").getBytes(StandardCharsets.UTF_8)), 200))
                .as("the CR is not part of the line").containsExactly("1:" + "x".repeat(200));
    }

    @Test
    void csv_written_reads_back_as_it_was_whole_or_trickled() throws IOException {
        Random random = new Random(4180);
        for (int round = 0; round < 200; round++) {
            List<List<String>> records = new ArrayList<>();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
            CsvWriter csv = new CsvWriter(writer);
            int columns = 1 + random.nextInt(5);
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                List<String> record = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    StringBuilder field = new StringBuilder();
                    int length = random.nextInt(random.nextInt(8) == 0 ? 400 : 12);
                    for (int j = 0; j < length; j++) {
                        field.append("a,\"\r\n 张x".charAt(random.nextInt(8)));
                    }
                    record.add(field.toString());
                }
                if (columns == 1 && record.getFirst().isEmpty()) {
                    record.set(0, "x"); // a record of one empty field is a blank line
                }
                records.add(record);
                csv.write(record);
            }
            writer.flush();
            byte[] body = bytes.toByteArray();
            assertThat(records(new ByteArrayInputStream(body))).as("round " + round).isEqualTo(records);
            assertThat(records(trickle(body, random, 9))).as("round " + round + ", trickled").isEqualTo(records);
        }
    }

    private static List<List<String>> records(InputStream in) {
        CsvReader reader = new CsvReader(in, 64 * 1024, () -> { });
        List<List<String>> out = new ArrayList<>();
        while (reader.next()) {
            assertThat(reader.problem()).isEmpty();
            assertThat(reader.tooLong()).isFalse();
            out.add(reader.fields());
        }
        return out;
    }

    @Test
    void broken_csv_records_are_reported_and_the_next_ones_read() {
        String body = "\uFEFFh1,h2\r\n"
                + "a\"b,c\n"          // a quote in an unquoted field
                + "\"a\"b,c\n"        // text after a closing quote
                + "ok,1\n"
                + "\n"                // blank
                + "\"" + "z".repeat(70_000) + "\",2\n" // over the limit (64 KiB)
                + "ok,2\n"
                + "\"never closed,3\nok,3\n";
        CsvReader reader = new CsvReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 64 * 1024, () -> { });
        List<String> seen = new ArrayList<>();
        while (reader.next()) {
            seen.add(reader.number() + " " + (reader.tooLong() ? "too long" : reader.blank() ? "blank"
                    : reader.problem().map(p -> "problem").orElse(String.join("|", reader.fields()))));
        }
        assertThat(seen).containsExactly("1 h1|h2", "2 problem", "3 problem", "4 ok|1", "5 blank", "6 too long", "7 ok|2", "8 problem");
    }

    @Test
    void a_byte_order_mark_before_a_quoted_first_field_is_skipped_before_the_record_is_scanned() {
        // the mark read as part of the first field made the quote an unquoted one: the record ended at
        // the quoted line break, and the unquoting copied each field into a 1 MiB buffer per reader
        byte[] body = "\uFEFF\"id\nof \"\"x\"\"\",b\r\n\"1\",2\n".getBytes(StandardCharsets.UTF_8);
        for (int max : new int[] {1, 2, 3, 64}) {
            CsvReader reader = new CsvReader(trickle(body, new Random(max), max), 1024, () -> { });
            List<List<String>> records = new ArrayList<>();
            while (reader.next()) {
                assertThat(reader.problem()).as("record %d", reader.number()).isEmpty();
                records.add(reader.fields());
            }
            assertThat(records).containsExactly(List.of("id\nof \"x\"", "b"), List.of("1", "2"));
        }
        LineReader lines = new LineReader(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB}), 16, () -> { });
        assertThat(lines.next()).as("two bytes of a mark are a line, not a mark").isTrue();
        assertThat(lines.length()).isEqualTo(2);
    }

    @Test
    void csv_writer_quotes_only_what_needs_it() throws IOException {
        StringWriter out = new StringWriter();
        new CsvWriter(out).write(List.of("plain", "+86 138", "a,b", "say \"hi\"", "two\nlines", " padded", "", "张三"));
        assertThat(out.toString()).isEqualTo("plain,+86 138,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,张三\r\n");
    }
}
