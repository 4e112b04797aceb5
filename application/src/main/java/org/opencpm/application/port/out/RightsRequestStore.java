package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.subject.SubjectId;

/**
 * People's rights requests. A move of a request is written only over the status it was read in,
 * so that two operators answering one request at once on two nodes cannot both succeed; and a
 * request {@linkplain #insertSoleOpen inserted as the sole open one} of its subject and type is
 * that, across nodes, until it is closed.
 */
public interface RightsRequestStore {

    /** Inserts a new request. */
    void insert(RightsRequest request);

    /**
     * Inserts a new request as the sole open one of its subject and type among those inserted
     * this way (the preference centre's: a second tap, on this node or another, must record
     * nothing). While it is open, another such insert of that subject and type fails with a
     * {@link ConcurrencyConflictException} (at once, at flush or at commit), and nothing of it is
     * written: the caller runs again, and then finds this one open. Requests {@linkplain #insert
     * inserted} otherwise neither hold nor meet this rule.
     */
    void insertSoleOpen(RightsRequest request);

    /**
     * Replaces the request's status, closing time and resolution by {@code moved}'s, if it is still
     * {@code expected}; false when it is not (it moved meanwhile) or does not exist.
     */
    boolean update(RightsRequest moved, RightsRequestStatus expected);

    Optional<RightsRequest> find(String id);

    /**
     * Requests in {@code status} when given, only the open ones due before {@code openAndDueBefore}
     * when given; oldest due first (then by id), at most {@code limit}.
     */
    List<RightsRequest> list(Optional<RightsRequestStatus> status, Optional<Instant> openAndDueBefore, int limit);

    /**
     * Whether {@code subject} has a request still open (received or in progress): while the person
     * waits for an answer, nothing of theirs is erased for retention (PIPL Art. 45–47).
     */
    boolean anyOpenOf(SubjectId subject);

    /** The requests of {@code subject} still open (received or in progress), oldest due first. */
    List<RightsRequest> openOf(SubjectId subject);

    /** How many open requests were due before {@code now}. */
    long countOverdue(Instant now);
}
