package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What an auditor asks of the audit trail: a time range (by when events were recorded, from
 * inclusive, to exclusive, either end open), and optionally one person (by subject id — never an
 * identifier), one purpose and some event types. Every condition given narrows the export; a
 * query with any condition selects a partial chain ({@link AuditExport#partial()}).
 *
 * @param subject the person asked for: their own events and those of every record merged into them
 * @param types   the event types asked for; empty: every type
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<SubjectId> subject, Optional<PurposeCode> purpose,
                         Set<AuditEventType> types) {

    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty());

    public AuditQuery {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new InvalidValueException("to", "must not be before from");
        }
        Checks.required(subject, "subjectId");
        Checks.required(purpose, "purpose");
        types = Checks.required(types, "type").isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    }

    /** A time range only. */
    public AuditQuery(Optional<Instant> from, Optional<Instant> to) {
        this(from, to, Optional.empty(), Optional.empty(), Set.of());
    }
}
