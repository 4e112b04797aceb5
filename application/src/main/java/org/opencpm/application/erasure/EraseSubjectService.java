package org.opencpm.application.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.ChangeFeed;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.RightsRequestNotFoundException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.audit.RightsRequestAuditRecords;
import org.opencpm.application.consent.ErasureWithdrawals;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Erases a person in two steps (PIPL Art. 47; ADR 0010).
 *
 * <p><b>Start</b>, in one transaction: each consent still granted or pending is withdrawn
 * ({@link ErasureWithdrawals}), each connector is sent an {@link ConsentChange.Kind#ERASURE
 * ERASURE} change (it still finds the person's identifiers, to delete or untag them on its
 * platform), and the erasure is recorded with the time it may wait for the connectors until.
 *
 * <p><b>Finish</b>, once every delivery of the person's changes has reached its connector or the
 * wait is over: in one transaction the person's key is destroyed — so that what the audit chain
 * sealed under it (evidence, free text, preferences, identifier hashes) can never be read again
 * while every hash still verifies — everything else stored about them is deleted
 * ({@link SubjectShredder}), a tombstone event says what was erased, when and why, and the
 * deletion request is completed; after commit the decision index forgets them. From then on a
 * lookup by a former identifier finds nobody, a decision is denied, and reading them answers
 * {@code subject-erased} (410).
 *
 * <p>The subject's row stays until the finish, so a consent recorded for them meanwhile is erased
 * with them: they asked for deletion, and the connectors were told so.
 */
public final class EraseSubjectService implements EraseSubjectUseCase {

    /** How many unfinished erasures one {@link #finishDue} looks at. */
    static final int PAGE = 100;

    private final SubjectStore subjects;
    private final ErasureStore erasures;
    private final RightsRequestStore requests;
    private final SubjectShredder shredder;
    private final SubjectKeyStore keys;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final Clock clock;
    private final Retrying retrying;
    private final ChangeFeed changes;
    private final ErasureWithdrawals withdrawals;
    private final Duration maxWait;

    /** @param maxWait how long an erasure waits for connectors to carry it before the data is shredded anyway */
    public EraseSubjectService(Ports ports, Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the wait for connectors must not be negative");
        }
        this.subjects = ports.subjects();
        this.erasures = ports.erasures();
        this.requests = ports.rightsRequests();
        this.shredder = ports.shredder();
        this.keys = ports.subjectKeys();
        this.outbox = ports.outbox();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.changes = new ChangeFeed(ports, retrying);
        this.withdrawals = new ErasureWithdrawals(ports, retrying);
        this.maxWait = maxWait;
    }

    @Override
    public ErasureStatus erase(EraseSubjectCommand command) {
        SubjectId id = command.subject();
        retrying.inTransaction(() -> {
            Optional<Erasure> earlier = erasures.find(id);
            if (earlier.isPresent()) {
                if (command.requestId().isPresent() && !command.requestId().equals(earlier.get().requestId())) {
                    throw new ErasureAlreadyStartedException(id);
                }
                return null;
            }
            Subject subject = subjects.find(id).orElseThrow(() -> new SubjectNotFoundException(id));
            MergedSubjects.requireOwn(subjects, id); // a record merged into another is erased with it
            command.requestId().ifPresent(requestId -> checkRequest(requestId, id));
            start(subject, command);
            return null;
        });
        Erasure erasure = erasures.find(id).orElseThrow(() -> new IllegalStateException("erasure of " + id + " vanished"));
        if (erasure.finished()) {
            return ErasureStatus.ERASED;
        }
        // finished at once when there is nothing to wait for (no connector, or all delivered)
        return tryFinish(erasure);
    }

    /** The request must be this person's open deletion request (PIPL Art. 47 (1), Art. 50). */
    private void checkRequest(String requestId, SubjectId subject) {
        RightsRequest request = requests.find(requestId).orElseThrow(() -> new RightsRequestNotFoundException(requestId));
        if (!request.subject().equals(subject)) {
            throw new ErasureRequestMismatchException(requestId, "is another person's request");
        }
        if (request.type() != RightsRequestType.DELETION) {
            throw new ErasureRequestMismatchException(requestId, "is a request of type '" + request.type().code()
                    + "', not 'deletion'");
        }
        if (request.status() != RightsRequestStatus.RECEIVED && request.status() != RightsRequestStatus.IN_PROGRESS) {
            throw new ErasureRequestMismatchException(requestId, "is " + request.status().code() + " already");
        }
    }

    private void start(Subject subject, EraseSubjectCommand command) {
        Instant now = clock.now();
        String why = command.requestId().map(r -> "erasure on deletion request " + r).orElse("erasure: retention ran out");
        Evidence evidence = new Evidence(CollectionChannel.API, ConsentMethod.IMPLIED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(why));
        Subject withdrawn = withdrawals.withdrawAll(subject, evidence, command.actor(), now);
        int withdrawals = (int) (withdrawn.version() - subject.version());
        Subject erasing = withdrawn.advanced();
        subjects.save(erasing, Optional.of(withdrawn.version()));
        Erasure erasure = new Erasure(subject.id(), command.reason(), command.requestId(), now, now.plus(maxWait), Optional.empty());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", command.reason().name().toLowerCase(java.util.Locale.ROOT));
        command.requestId().ifPresent(r -> details.put("requestId", r));
        details.put("consentsWithdrawn", Integer.toString(withdrawals));
        details.put("waitUntil", erasure.waitUntil().toString());
        details.put("version", Long.toString(erasing.version()));
        AuditEvent started = audit.append(AuditDraft.of(AuditEventType.SUBJECT_ERASURE_STARTED, subject.id().value(), null, null, now,
                now, command.actor().id(), null, null, null, details));
        changes.publish(new ConsentChange(subject.id(), ConsentChange.Kind.ERASURE, Optional.empty(), Optional.empty(),
                Preferences.none(), erasing.version(), now, true, started.eventId()));
        erasures.start(erasure);
    }

    @Override
    public int finishDue() {
        int finished = 0;
        Instant now = clock.now();
        for (Erasure erasure : erasures.unfinished(PAGE)) {
            if (!now.isBefore(erasure.waitUntil()) || outbox.undeliveredOf(erasure.subject()) == 0) {
                if (tryFinish(erasure) == ErasureStatus.ERASED) {
                    finished++;
                }
            }
        }
        return finished;
    }

    private ErasureStatus tryFinish(Erasure erasure) {
        List<IdentifierHash> forgotten = new ArrayList<>();
        boolean done = retrying.inTransaction(() -> {
            forgotten.clear();
            Instant now = clock.now();
            Erasure current = erasures.find(erasure.subject()).orElseThrow();
            if (current.finished()) {
                return true;
            }
            if (now.isBefore(current.waitUntil()) && outbox.undeliveredOf(current.subject()) > 0) {
                return false;
            }
            finish(current, now, forgotten);
            return true;
        });
        if (!done) {
            return ErasureStatus.ERASING;
        }
        return ErasureStatus.ERASED;
    }

    private void finish(Erasure erasure, Instant now, List<IdentifierHash> forgotten) {
        SubjectId id = erasure.subject();
        List<LinkedIdentifier> identifiers = subjects.identifiersOf(id);
        identifiers.forEach(linked -> forgotten.add(linked.hash()));
        // the person's open requests are answered before the key goes — the deletion request done,
        // any other (an access request, say) with nothing left to answer it with — and their
        // completions carry no personal data, so no key is needed for them
        List<RightsRequest> answered = requests.openOf(id).stream().map(r -> completeRequest(r, now)).toList();
        Optional<RightsRequest> completed = answered.stream().filter(r -> erasure.requestId().equals(Optional.of(r.id()))).findFirst();
        List<SubjectId> absorbed = subjects.absorbedBy(id);
        boolean hadKey = keys.destroy(id);
        SubjectShredder.Shredded shredded = shredder.shred(id);
        // the records merged into this person (PIPL Art. 46) are the same person: their keys and rows go too
        for (SubjectId other : absorbed) {
            keys.destroy(other);
            shredded = shredded.plus(shredder.shred(other));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", erasure.reason().name().toLowerCase(java.util.Locale.ROOT));
        erasure.requestId().ifPresent(r -> details.put("requestId", r));
        details.put("startedAt", erasure.startedAt().toString());
        details.put("keyDestroyed", Boolean.toString(hadKey));
        details.put("identifiers", Integer.toString(shredded.identifiers()));
        details.put("consents", Integer.toString(shredded.consents()));
        details.put("preferences", Integer.toString(shredded.preferences()));
        details.put("changes", Integer.toString(shredded.changes()));
        details.put("deliveries", Integer.toString(shredded.deliveries()));
        details.put("attachments", Integer.toString(shredded.attachments()));
        details.put("absorbedSubjects", Integer.toString(absorbed.size()));
        details.put("connectorsWaitedFor", Boolean.toString(now.isBefore(erasure.waitUntil())));
        completed.ifPresent(r -> details.put("requestCompleted", "true"));
        details.put("openRequestsClosed", Integer.toString(answered.size()));
        audit.append(AuditDraft.of(AuditEventType.SUBJECT_ERASED, id.value(), null, null, now, now, Actor.SYSTEM.id(), null, null,
                null, details));
        if (!erasures.finish(erasure.finishedAt(now))) {
            throw new org.opencpm.application.port.out.ConcurrencyConflictException("erasure of " + id + " finished meanwhile");
        }
        retrying.afterCommit(() -> index.subjectErased(id, List.copyOf(forgotten)));
    }

    private RightsRequest completeRequest(RightsRequest request, Instant now) {
        RightsRequest moved = request.status() == RightsRequestStatus.RECEIVED
                ? request.start().complete(Optional.empty(), now)
                : request.complete(Optional.empty(), now);
        if (!requests.update(moved, request.status())) {
            throw new org.opencpm.application.port.out.ConcurrencyConflictException("rights request " + request.id() + " moved meanwhile");
        }
        audit.append(RightsRequestAuditRecords.moved(moved, now, Actor.SYSTEM));
        return moved;
    }
}
