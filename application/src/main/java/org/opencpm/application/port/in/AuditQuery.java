package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/** A time range of the audit trail (by when events were recorded), either end open. */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to) {

    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty());

    public AuditQuery {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new InvalidValueException("to", "must not be before from");
        }
    }
}
