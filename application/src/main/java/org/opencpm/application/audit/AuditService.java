package org.opencpm.application.audit;

import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.ParallelHashing;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.VerificationResult;

/** Streams the audit trail out, and verifies the whole chain in one pass with constant memory. */
public final class AuditService implements ExportAuditUseCase, VerifyAuditUseCase {

    private final AuditTrail audit;

    public AuditService(Ports ports) {
        this.audit = ports.audit();
    }

    @Override
    public Stream<AuditEvent> export(AuditQuery query) {
        return audit.events(query.from(), query.to());
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
