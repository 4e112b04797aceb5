package org.opencpm.domain.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;

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

    /**
     * The canonical text of {@code event}, without its own hash: the bytes {@link CanonicalWriter} hashes,
     * as text (one implementation; an unpaired surrogate, which no valid text holds, reads back as {@code ?}).
     */
    public static String of(AuditEvent event) {
        return new String(new CanonicalWriter().bytes(event), StandardCharsets.UTF_8);
    }

    /** How times appear in the canonical form (and in exports). */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
