package org.opencpm.application.rights;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.RightsRequestNotFoundException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.application.audit.RightsRequestAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ManageRightsRequestsUseCase;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.RightsRequestQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestTransitionException;
import org.opencpm.domain.subject.SubjectId;

/**
 * Rights requests: each recording and each move written with its audit event in one
 * transaction, so that the chain and the records never disagree. A request is recorded only for a
 * person OpenCPM knows (by subject id or identifiers): for anyone else there is nothing to
 * access, correct or delete here, and the caller is told so ({@code subject-not-found}) to answer
 * the person itself.
 */
public final class RightsRequestService implements ManageRightsRequestsUseCase {

    /** The deadline when the operator sets none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofDays(15);

    private final RightsRequestStore requests;
    private final SubjectStore subjects;
    private final ErasureStore erasures;
    private final AuditTrail audit;
    private final Clock clock;
    private final SubjectResolver resolver;
    private final Retrying retrying;
    private final Duration deadline;

    /** @param deadline from receipt to the due date ({@link RightsRequest#receive} refuses one that is not positive) */
    public RightsRequestService(Ports ports, Duration deadline) {
        this.requests = ports.rightsRequests();
        this.subjects = ports.subjects();
        this.erasures = ports.erasures();
        this.audit = ports.audit();
        this.clock = ports.clock();
        this.resolver = new SubjectResolver(ports.vault());
        this.retrying = new Retrying(ports.transactions());
        this.deadline = deadline;
    }

    @Override
    public RightsRequest record(RecordRightsRequestCommand command) {
        return record(command, requests::insert);
    }

    /**
     * The look for an open request answers at once in the common case; the store's rule settles
     * a race with another node that looked at the same moment: the insert that comes second fails
     * as a conflict, and the run again finds the first one open.
     */
    @Override
    public RightsRequest recordUnlessOpen(RecordRightsRequestCommand command) {
        return record(command, request -> {
            requests.openOf(request.subject()).stream().filter(r -> r.type() == request.type()).findFirst().ifPresent(open -> {
                throw new RightsRequestOpenException(open);
            });
            requests.insertSoleOpen(request);
        });
    }

    private RightsRequest record(RecordRightsRequestCommand command, Consumer<RightsRequest> insert) {
        String id = UUID.randomUUID().toString();
        return retrying.inTransaction(() -> {
            SubjectId subject = locate(command.subject());
            RightsRequest request = RightsRequest.receive(id, subject, command.type(), command.channel(),
                    command.verification(), command.note(), clock.now(), deadline);
            insert.accept(request);
            audit.append(RightsRequestAuditRecords.received(request, command.actor()));
            return request;
        });
    }

    private SubjectId locate(SubjectLocator locator) {
        if (locator.subjectId().isPresent()) {
            SubjectId id = locator.subjectId().get();
            subjects.find(id).orElseThrow(() -> ErasedSubjects.missing(erasures, id));
            MergedSubjects.requireOwn(subjects, id); // a record merged into another: the person is that one (410 names it)
            return id;
        }
        return resolver.resolve(resolver.hashes(locator.identifiers()).values(), subjects::findByIdentifier)
                .orElseThrow(SubjectNotFoundException::new);
    }

    @Override
    public RightsRequest find(String requestId) {
        return requests.find(requestId).orElseThrow(() -> new RightsRequestNotFoundException(requestId));
    }

    @Override
    public List<RightsRequest> list(RightsRequestQuery query) {
        return requests.list(query.status(), query.overdue() ? Optional.of(clock.now()) : Optional.empty(), query.limit());
    }

    @Override
    public RightsRequest start(String requestId, Actor actor) {
        return move(requestId, actor, RightsRequest::start);
    }

    @Override
    public RightsRequest complete(String requestId, Optional<String> note, Actor actor) {
        Instant now = clock.now();
        return move(requestId, actor, r -> r.complete(note, now));
    }

    @Override
    public RightsRequest reject(String requestId, String reason, Actor actor) {
        Instant now = clock.now();
        return move(requestId, actor, r -> r.reject(reason, now));
    }

    private RightsRequest move(String requestId, Actor actor, UnaryOperator<RightsRequest> transition) {
        return retrying.inTransaction(() -> {
            RightsRequest before = find(requestId);
            RightsRequest applied = transition.apply(before);
            // the person was erased (PIPL Art. 47): their request is answered, but no free text of it kept
            RightsRequest after = erasures.find(before.subject()).filter(Erasure::finished).isPresent()
                    ? applied.withoutFreeText() : applied;
            if (!requests.update(after, before.status())) {
                // another node moved it between the read and the write: refuse as the state machine would
                RightsRequest now = find(requestId);
                throw new RightsRequestTransitionException(requestId, now.status(), after.status());
            }
            audit.append(RightsRequestAuditRecords.moved(after, clock.now(), actor));
            return after;
        });
    }

    @Override
    public long overdue() {
        return requests.countOverdue(clock.now());
    }
}
