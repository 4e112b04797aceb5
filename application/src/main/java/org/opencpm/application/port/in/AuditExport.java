package org.opencpm.application.port.in;

import java.util.Objects;
import java.util.stream.Stream;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditSelection;

/**
 * An export of the audit trail as asked and as selected: the {@code query} echoes what the caller
 * asked, the {@code selection} what that meant (the subject ids merged into the person asked for
 * included), and the events stream lazily, oldest first. The caller closes {@code events}.
 */
public record AuditExport(AuditQuery query, AuditSelection selection, Stream<AuditEvent> events) {

    public AuditExport {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(events, "events");
    }

    /** True when events are left out: links across them cannot be checked from the export alone. */
    public boolean partial() {
        return !selection.everything();
    }
}
