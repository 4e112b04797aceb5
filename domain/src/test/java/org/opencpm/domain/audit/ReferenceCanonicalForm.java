package org.opencpm.domain.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/**
 * The canonical form as first written — a {@code String} built field by field — kept as the readable
 * reference that {@link CanonicalWriter}, the one implementation the code uses, is held to byte for
 * byte ({@link CanonicalWriterProperties}); hashes written before the writer existed came from this.
 */
final class ReferenceCanonicalForm {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ReferenceCanonicalForm() {
    }

    /** The canonical text of {@code event}, without its own hash. */
    static String of(AuditEvent event) {
        Map<String, String> details = event.details();
        // keys in code-point order, as a TreeMap would give them, without building one per event
        String[] keys = details.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        int size = 320;
        for (String key : keys) {
            size += key.length() + details.get(key).length() + 6;
        }
        StringBuilder out = new StringBuilder(size);
        out.append('{');
        field(out, "actor", event.actor(), true);
        field(out, "channel", event.channel(), false);
        out.append(",\"details\":{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys[i]);
            out.append(':');
            string(out, details.get(keys[i]));
        }
        out.append('}');
        field(out, "eventId", event.eventId(), false);
        field(out, "noticeCode", event.noticeCode(), false);
        field(out, "noticeVersion", event.noticeVersion(), false);
        field(out, "occurredAt", time(event.occurredAt()), false);
        field(out, "prevHash", event.prevHash(), false);
        field(out, "purpose", event.purpose(), false);
        field(out, "recordedAt", time(event.recordedAt()), false);
        out.append(",\"seq\":").append(event.seq());
        field(out, "state", event.state(), false);
        field(out, "subjectId", event.subjectId(), false);
        field(out, "type", event.type().code(), false);
        out.append('}');
        return out.toString();
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static void field(StringBuilder out, String name, String value, boolean first) {
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        if (!needsEscaping(value)) {
            out.append(value).append('"'); // the usual case: copied whole, not char by char
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
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
