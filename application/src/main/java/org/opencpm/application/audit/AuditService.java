package org.opencpm.application.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.AuditExport;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.ParallelHashing;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.audit.VerificationResult;
import org.opencpm.domain.subject.SubjectId;

/**
 * Streams the audit trail out — whole, or the part an auditor asks for (PIPL Art. 54–56) — and
 * verifies the whole chain in one pass with constant memory.
 *
 * <p>An export by subject holds the events recorded under that id and under every record merged
 * into it (PIPL Art. 46), as the person's history does: after a merge, the person's consents may
 * rest on events recorded under the absorbed id. The ids are resolved before the first event is
 * read and named in the export ({@link AuditExport#selection()}), so a reader sees which records
 * it covers. A subject that is not (or no longer) stored is not an error: the trail outlives the
 * subjects it names, and an erased person's tombstones are exactly what an auditor may look for.
 */
public final class AuditService implements ExportAuditUseCase, VerifyAuditUseCase {

    private final AuditTrail audit;
    private final SubjectStore subjects;

    public AuditService(Ports ports) {
        this.audit = ports.audit();
        this.subjects = ports.subjects();
    }

    @Override
    public AuditExport export(AuditQuery query) {
        List<SubjectId> records = new ArrayList<>();
        query.subject().ifPresent(subject -> {
            records.add(subject);
            records.addAll(subjects.absorbedBy(subject));
        });
        AuditSelection selection = new AuditSelection(query.from(), query.to(), records, query.purpose(), query.types());
        return new AuditExport(query, selection, audit.events(selection));
    }

    @Override
    public VerificationResult verify() {
        AuditChainVerifier verifier = new AuditChainVerifier();
        try (Stream<AuditEvent> events = audit.events(Optional.empty(), Optional.empty())) {
            ParallelHashing.feed(events.iterator(), Runtime.getRuntime().availableProcessors(), verifier::accept);
        }
        return verifier.result();
    }
}
