package org.opencpm.application.port.in;

import java.util.stream.Stream;
import org.opencpm.domain.audit.AuditEvent;

/** Stream the audit trail, oldest first, for export. The caller closes the stream. */
public interface ExportAuditUseCase {

    Stream<AuditEvent> export(AuditQuery query);
}
