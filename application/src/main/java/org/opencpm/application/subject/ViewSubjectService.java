package org.opencpm.application.subject;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The subject's events and those of every subject merged into it (transitively), in chain
     * order: a person's history whichever of their records an event was recorded under.
     */
    @Override
    public List<AuditEvent> historyOf(SubjectId subjectId) {
        requireKnown(subjectId);
        List<SubjectId> absorbed = subjects.absorbedBy(subjectId);
        if (absorbed.isEmpty()) {
            return eventsOf(subjectId);
        }
        List<AuditEvent> all = new ArrayList<>(eventsOf(subjectId));
        absorbed.forEach(id -> all.addAll(eventsOf(id)));
        all.sort(Comparator.comparingLong(AuditEvent::seq));
        return all;
    }

    private List<AuditEvent> eventsOf(SubjectId subjectId) {
        try (Stream<AuditEvent> events = audit.eventsOf(subjectId)) {
            return events.toList();
        }
    }

    @Override
    public AuditEvent receipt(SubjectId subjectId, String receiptId) {
        requireKnown(subjectId);
        return audit.find(receiptId)
                .filter(event -> subjectId.value().equals(event.subjectId())
                        || subjects.absorbedBy(subjectId).stream().anyMatch(absorbed -> absorbed.value().equals(event.subjectId())))
                .orElseThrow(() -> new ReceiptNotFoundException(receiptId));
    }

    /** Known and standing on its own: a subject merged into another answers with where it went. */
    private void requireKnown(SubjectId subjectId) {
        if (subjects.find(subjectId).isEmpty()) {
            if (erasures.find(subjectId).filter(Erasure::finished).isPresent()) {
                throw new SubjectErasedException(subjectId);
            }
            throw new SubjectNotFoundException(subjectId);
        }
        MergedSubjects.requireOwn(subjects, subjectId);
    }
}
