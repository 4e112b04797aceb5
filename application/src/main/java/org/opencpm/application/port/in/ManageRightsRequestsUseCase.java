package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.rights.RightsRequest;

/**
 * People's rights requests (PIPL Art. 44–50) as records with deadlines: recorded for a known
 * person, moved through their state machine ({@link org.opencpm.domain.rights.RightsRequestStatus}),
 * listed oldest due first. Every recording and every move is an audit event in the person's chain.
 */
public interface ManageRightsRequestsUseCase {

    /**
     * @throws org.opencpm.application.SubjectNotFoundException when nobody has the subject id or identifiers
     */
    RightsRequest record(RecordRightsRequestCommand command);

    /**
     * Records the request unless the person has one of that type open already, on any node: a
     * second tap (or a replayed request) records nothing more.
     *
     * @throws org.opencpm.application.rights.RightsRequestOpenException naming the open one
     * @throws org.opencpm.application.SubjectNotFoundException when nobody has the subject id or identifiers
     */
    RightsRequest recordUnlessOpen(RecordRightsRequestCommand command);

    /** @throws org.opencpm.application.RightsRequestNotFoundException when there is no such request */
    RightsRequest find(String requestId);

    List<RightsRequest> list(RightsRequestQuery query);

    /**
     * Work has begun.
     *
     * @throws org.opencpm.domain.rights.RightsRequestTransitionException when it is not {@code received}
     */
    RightsRequest start(String requestId, Actor actor);

    /** @throws org.opencpm.domain.rights.RightsRequestTransitionException when it is answered already */
    RightsRequest complete(String requestId, Optional<String> note, Actor actor);

    /** @throws org.opencpm.domain.rights.RightsRequestTransitionException when it is answered already */
    RightsRequest reject(String requestId, String reason, Actor actor);

    /** How many open requests are past their due date now: for a gauge. */
    long overdue();
}
