package org.opencpm.application.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.RetentionAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CheckRetentionUseCase;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.RetentionPolicy;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Finds the persons erasure-due for retention and reports them, erasing them too when an eraser is
 * given (the operator's {@code opencpm.retention.erase}).
 *
 * <p>Every subject's state is walked once in the node's in-memory decision index ({@link
 * DecisionIndex#forEachSubject}, as reconciliation does — ADR 0009; not the database, which a walk of
 * every person would load for minutes at scale) and judged by {@link RetentionPolicy}; the candidates are then taken in pages of {@code pageSize}, each page in one
 * transaction in which every candidate is read again under its subject's lock (a grant may have come
 * since) and kept only if it still is due, holds an identifier (an erased person has nothing left to
 * erase) and has no rights request open. Each due person is reported once for the moment they became
 * due — an {@code erasure_due} event at that moment, written unless the trail has it already — so a
 * check every hour adds nothing while nothing changes, and two nodes checking at once report once
 * (the second waits on the lock and finds the first's event). Erasures are started after the page's
 * transaction, one by one, each in its own; one that fails is counted and tried again next time.
 */
public final class RetentionService implements CheckRetentionUseCase {

    /** Persons re-read and reported per transaction. */
    public static final int PAGE_SIZE = 100;

    private final PurposeStore purposes;
    /** Walked for candidates: the in-memory decision index, not the database (a walk of every person). */
    private final DecisionIndex states;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final RightsRequestStore rightsRequests;
    private final AuditTrail audit;
    private final Clock clock;
    private final Retrying retrying;
    private final Optional<EraseSubjectUseCase> eraser;
    private final int pageSize;

    /** @param eraser erases the persons found due; empty to report them only */
    public RetentionService(Ports ports, Optional<EraseSubjectUseCase> eraser) {
        this(ports, eraser, PAGE_SIZE);
    }

    RetentionService(Ports ports, Optional<EraseSubjectUseCase> eraser, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.purposes = ports.purposes();
        this.states = ports.decisionIndex();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.rightsRequests = ports.rightsRequests();
        this.audit = ports.audit();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.eraser = eraser;
        this.pageSize = pageSize;
    }

    @Override
    public RetentionReport check() {
        Instant now = clock.now();
        Map<PurposeCode, Purpose> catalogue = purposes.all().stream().collect(Collectors.toMap(Purpose::code, Function.identity()));
        List<SubjectId> candidates = new ArrayList<>();
        states.forEachSubject(state -> {
            if (RetentionPolicy.erasureDueSince(state.consents(), catalogue, now).isPresent()) {
                candidates.add(state.subject().id());
            }
        });
        int due = 0;
        int reported = 0;
        int erased = 0;
        int failed = 0;
        for (int from = 0; from < candidates.size(); from += pageSize) {
            List<SubjectId> page = candidates.subList(from, Math.min(from + pageSize, candidates.size()));
            Page checked;
            try {
                checked = retrying.inTransaction(() -> report(page, catalogue, now));
            } catch (ConcurrencyConflictException busy) {
                failed += page.size(); // others kept writing these persons: the next check takes them up
                continue;
            }
            due += checked.due().size();
            reported += checked.reported();
            for (SubjectId subject : eraser.isPresent() ? checked.due() : List.<SubjectId>of()) {
                try {
                    eraser.get().erase(new EraseSubjectCommand(subject, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                            Actor.SYSTEM));
                    erased++;
                } catch (RuntimeException notNow) {
                    failed++;
                }
            }
        }
        return new RetentionReport(due, reported, erased, failed);
    }

    private record Page(List<SubjectId> due, int reported) {
    }

    /** Reads each candidate again, under its subject's lock, and reports those still due; inside the transaction. */
    private Page report(List<SubjectId> page, Map<PurposeCode, Purpose> catalogue, Instant now) {
        List<SubjectId> due = new ArrayList<>();
        int reported = 0;
        for (SubjectId subject : page) {
            if (subjects.find(subject).isEmpty()) {
                continue;
            }
            Map<PurposeCode, Consent> current = consents.consentsOf(subject);
            Optional<Instant> dueSince = RetentionPolicy.erasureDueSince(current, catalogue, now);
            if (dueSince.isEmpty() || subjects.identifiersOf(subject).isEmpty() || rightsRequests.anyOpenOf(subject)) {
                continue;
            }
            due.add(subject);
            boolean known;
            try (Stream<AuditEvent> events = audit.eventsOf(subject)) {
                known = events.anyMatch(event -> RetentionAuditRecords.reportsDueSince(event, dueSince.get()));
            }
            if (!known) {
                audit.append(RetentionAuditRecords.erasureDue(subject, dueSince.get(), current.keySet(), eraser.isPresent(), now));
                reported++;
            }
        }
        return new Page(due, reported);
    }
}
