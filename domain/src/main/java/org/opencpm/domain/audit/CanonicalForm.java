package org.opencpm.domain.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one serialisation of an audit event that its hash covers: a JSON object with the keys in
 * code-point order, no white space, strings escaped as in RFC 8785 (JCS), times as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, and {@code hash} itself left out. An auditor can rebuild it
 * from an export with any JCS library and check each hash with {@code sha256sum}.
 */
public final class CanonicalForm {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    /** The canonical text of {@code event}, without its own hash. */
    public static String of(AuditEvent event) {
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        field(out, "actor", event.actor(), true);
        field(out, "channel", event.channel(), false);
        out.append(",\"details\":{");
        boolean first = true;
        for (Map.Entry<String, String> detail : new TreeMap<>(event.details()).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, detail.getKey());
            out.append(':');
            string(out, detail.getValue());
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

    /** How times appear in the canonical form (and in exports). */
    public static String time(Instant instant) {
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
