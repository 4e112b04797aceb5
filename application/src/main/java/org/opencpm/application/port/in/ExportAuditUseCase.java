package org.opencpm.application.port.in;

/**
 * Stream the audit trail, oldest first, for export (PIPL Art. 54–56): the whole chain, or the part
 * an auditor asks for. An unknown subject is no error: its export is simply empty — the trail
 * outlives the subjects it names (erased and merged-away ids keep their events).
 */
public interface ExportAuditUseCase {

    AuditExport export(AuditQuery query);
}
