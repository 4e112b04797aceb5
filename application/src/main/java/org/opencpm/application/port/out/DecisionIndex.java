package org.opencpm.application.port.out;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What decisions are made from, kept in memory: every subject's current state, the purposes and
 * the material notice changes. Loaded at start; told of each change after its transaction
 * commits, so the next decision sees it, and of other nodes' changes by following the {@link
 * ChangeLog}. The same change may be told twice (this node's own, seen again in the log): each
 * method leaves the index as once would. Never touches the database on a read.
 */
public interface DecisionIndex {

    Optional<SubjectId> subjectOf(IdentifierHash identifier);

    Optional<SubjectState> subject(SubjectId id);

    /**
     * What a decision reads of subject {@code id}, empty exactly when {@link #subject} is. By
     * default the state itself; an index that keeps subjects in a compact form answers with a view
     * of that form, without building the whole state on every decision.
     */
    default Optional<? extends SubjectView> view(SubjectId id) {
        return subject(id);
    }

    /**
     * Calls {@code action} with every subject's current state, each once, in no order: what a
     * connector's reconciliation walks. Weakly consistent: a change committed during the walk may
     * or may not be seen, and nothing is copied first.
     */
    void forEachSubject(Consumer<SubjectState> action);

    Optional<Purpose> purpose(PurposeCode code);

    MaterialChanges materialChanges();

    /** A subject's state changed (committed). */
    void subjectChanged(SubjectState state);

    /** An identifier now leads to {@code subject} (committed). */
    void identifierLinked(IdentifierHash identifier, SubjectId subject);

    /** A subject was erased (committed): its state and the identifiers that led to it are gone. */
    void subjectErased(SubjectId subject, Collection<IdentifierHash> identifiers);

    /** {@code identifier} no longer leads to {@code subject} (committed); left alone if it leads elsewhere now. */
    void identifierUnlinked(IdentifierHash identifier, SubjectId subject);

    /**
     * {@code subject} is no more a subject of its own (committed: merged into another): its state
     * is dropped, so a decision by its id is {@code unknown_subject} and a reconciliation no longer
     * walks it.
     */
    void subjectRemoved(SubjectId subject);

    /**
     * Each subject of {@code current} is now led to by exactly the identifiers given for it
     * (committed): any other identifier that led to it no longer does; one that leads to another
     * subject now is left alone. How a node learns of another node's unlinks and erasures, which
     * name no hash. May walk every identifier: for the rare changes that remove links, not for each.
     */
    void identifiersReplaced(Map<SubjectId, Set<IdentifierHash>> current);

    void purposeDefined(Purpose purpose);

    void noticePublished(Notice notice);
}
