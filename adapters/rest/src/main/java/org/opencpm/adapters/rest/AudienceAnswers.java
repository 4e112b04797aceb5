package org.opencpm.adapters.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.rest.stream.CsvWriter;
import org.opencpm.application.port.in.AudienceVerdict;

/**
 * The answer of {@code POST /api/v1/decisions:filter}, in the format the client accepts:
 * <ul>
 *   <li>{@code text/plain} (the default): the allowed lines, each exactly as it was sent, one per
 *       line; nothing for the others;</li>
 *   <li>{@code application/x-ndjson}: one JSON object per input line that is not blank, in order —
 *       {@code {"line", "identifier", "allowed", "reason", "subjectId"?, "error"?}};</li>
 *   <li>{@code text/csv}: the same as rows under the header {@code line,identifier,allowed,reason,subjectId,error}.</li>
 * </ul>
 * When the request fails after the answer has started (the body grows past the limit, or breaks
 * off), the status has been sent, so the answer says it in its last line instead, one no answer
 * to a line can be mistaken for: {@code #error <code>: <detail>} in text and as a one-field CSV
 * row, {@code {"kind":"error","code","detail"}} in NDJSON (no verdict has a {@code kind}). A
 * client checks the last line before taking the answer as whole.
 */
abstract class AudienceAnswers implements Flushable {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    /** The formats, each with the media type its answer is sent as. */
    enum Format {
        TEXT("text/plain; charset=UTF-8"), NDJSON(AudienceAnswers.NDJSON), CSV(AudienceAnswers.CSV + "; charset=UTF-8");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /** The client's most preferred format: the first accepted type that names one; a wildcard means text. */
        static Format negotiate(HttpHeaders headers) {
            for (MediaType type : headers.getAcceptableMediaTypes()) {
                if (type.isWildcardType() || type.isWildcardSubtype() || type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                    return TEXT;
                }
                if (type.isCompatible(MediaType.valueOf(AudienceAnswers.NDJSON))) {
                    return NDJSON;
                }
                if (type.isCompatible(MediaType.valueOf(AudienceAnswers.CSV))) {
                    return CSV;
                }
            }
            return TEXT; // no Accept header
        }
    }

    static AudienceAnswers of(Format format, OutputStream out) {
        return switch (format) {
            case TEXT -> new Text(out);
            case NDJSON -> new Ndjson(out);
            case CSV -> new Csv(out);
        };
    }

    /** Writes whatever comes before the first answer. */
    void start() throws IOException {
    }

    /**
     * The answer to one line.
     *
     * @param bytes the line as sent, from {@code offset} for {@code length} bytes
     * @param text the line as text, when it is UTF-8 and not too long
     */
    abstract void answer(byte[] bytes, int offset, int length, Optional<String> text, AudienceVerdict verdict) throws IOException;

    /** Says in the answer that it stops here, unfinished, because of {@code detail}. */
    abstract void fail(String code, String detail) throws IOException;

    /** The allowed lines, byte for byte as sent. */
    private static final class Text extends AudienceAnswers {
        private final OutputStream out;

        Text(OutputStream out) {
            this.out = new BufferedOutputStream(out, 64 * 1024);
        }

        @Override
        void answer(byte[] bytes, int offset, int length, Optional<String> text, AudienceVerdict verdict) throws IOException {
            if (verdict.decision().allowed()) {
                out.write(bytes, offset, length);
                out.write('\n');
            }
        }

        @Override
        void fail(String code, String detail) throws IOException {
            out.write(("#error " + code + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Answers written as text, a line at a time through one reused builder. */
    private abstract static class Lines extends AudienceAnswers {
        final Writer out;
        final StringBuilder line = new StringBuilder(256);

        Lines(OutputStream out) {
            this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private static final class Ndjson extends Lines {
        Ndjson(OutputStream out) {
            super(out);
        }

        @Override
        void answer(byte[] bytes, int offset, int length, Optional<String> text, AudienceVerdict verdict) throws IOException {
            line.setLength(0);
            line.append("{\"line\":").append(verdict.line());
            if (text.isPresent()) {
                line.append(",\"identifier\":");
                quote(line, text.get());
            }
            line.append(",\"allowed\":").append(verdict.decision().allowed()).append(",\"reason\":\"")
                    .append(verdict.decision().reason().code()).append('"');
            verdict.subjectId().ifPresent(id -> line.append(",\"subjectId\":\"").append(id.value()).append('"'));
            if (verdict.invalid().isPresent()) {
                line.append(",\"error\":");
                quote(line, verdict.invalid().get());
            }
            line.append("}\n");
            out.append(line);
        }

        @Override
        void fail(String code, String detail) throws IOException {
            line.setLength(0);
            line.append("{\"kind\":\"error\",\"code\":");
            quote(line, code);
            line.append(",\"detail\":");
            quote(line, detail);
            line.append("}\n");
            out.append(line);
            out.flush();
        }
    }

    private static final class Csv extends Lines {
        private final CsvWriter csv;

        Csv(OutputStream out) {
            super(out);
            this.csv = new CsvWriter(this.out);
        }

        @Override
        void start() throws IOException {
            csv.write(List.of("line", "identifier", "allowed", "reason", "subjectId", "error"));
        }

        @Override
        void answer(byte[] bytes, int offset, int length, Optional<String> text, AudienceVerdict verdict) throws IOException {
            List<String> row = new ArrayList<>(6);
            row.add(Long.toString(verdict.line()));
            row.add(text.orElse(""));
            row.add(Boolean.toString(verdict.decision().allowed()));
            row.add(verdict.decision().reason().code());
            row.add(verdict.subjectId().map(id -> id.value()).orElse(""));
            row.add(verdict.invalid().orElse(""));
            csv.write(row);
        }

        @Override
        void fail(String code, String detail) throws IOException {
            csv.write(List.of("#error " + code + ": " + detail));
            out.flush();
        }
    }

    /** Appends {@code text} as a JSON string. */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
