package org.opencpm.application.subject;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.Ports;
import org.opencpm.application.ReceiptNotFoundException;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/** Looks subjects up and shows their consents and history, from the stores (not the decision index). */
public final class ViewSubjectService implements LookupSubjectUseCase, ViewSubjectUseCase {

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final AuditTrail audit;
    private final IdentityVault vault;
    private final Clock clock;
    private final ErasureStore erasures;
    private final SubjectResolver resolver;

    public ViewSubjectService(Ports ports) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.audit = ports.audit();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.erasures = ports.erasures();
        this.resolver = new SubjectResolver(vault);
    }

    @Override
    public Optional<SubjectId> lookup(List<Identifier> identifiers) {
        return resolver.resolve(resolver.hashes(identifiers).values(), subjects::findByIdentifier);
    }

    @Override
    public SubjectConsents consentsOf(SubjectId subjectId) {
        requireKnown(subjectId);
        Instant now = clock.now();
        List<SubjectConsents.Entry> entries = consents.consentsOf(subjectId).values().stream()
                .sorted(Comparator.comparing(Consent::purpose))
                .map(consent -> new SubjectConsents.Entry(consent, consent.stateAt(now)))
                .toList();
        return new SubjectConsents(subjectId, entries);
    }

    @Override
    public List<AuditEvent> historyOf(SubjectId subjectId) {
        requireKnown(subjectId);
        try (Stream<AuditEvent> events = audit.eventsOf(subjectId)) {
            return events.toList();
        }
    }

    @Override
    public AuditEvent receipt(SubjectId subjectId, String receiptId) {
        requireKnown(subjectId);
        return audit.find(receiptId)
                .filter(event -> subjectId.value().equals(event.subjectId()))
                .orElseThrow(() -> new ReceiptNotFoundException(receiptId));
    }

    /** @throws SubjectErasedException for a person erased (410): gone for good, not unknown */
    private void requireKnown(SubjectId subjectId) {
        if (subjects.find(subjectId).isEmpty()) {
            if (erasures.find(subjectId).filter(Erasure::finished).isPresent()) {
                throw new SubjectErasedException(subjectId);
            }
            throw new SubjectNotFoundException(subjectId);
        }
    }
}
