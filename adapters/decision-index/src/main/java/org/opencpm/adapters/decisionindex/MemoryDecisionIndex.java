package org.opencpm.adapters.decisionindex;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The decision index as concurrent maps: every subject's state, every identifier hash, the
 * purposes and the material notice changes, updated by the application after each commit.
 * A change never replaces a newer state of the same subject, whatever order commits report in.
 */
public final class MemoryDecisionIndex implements DecisionIndex {

    private final Map<IdentifierHash, SubjectId> identifiers = new ConcurrentHashMap<>();
    private final Map<SubjectId, SubjectState> subjects = new ConcurrentHashMap<>();
    /**
     * Subjects merged into others or erased: news of an older change of theirs arriving late (its
     * after-commit call overtaken by the merge's or erasure's) must not bring them back. An id each;
     * ids are never reused.
     */
    private final Set<SubjectId> removed = ConcurrentHashMap.newKeySet();
    private final Map<PurposeCode, Purpose> purposes = new ConcurrentHashMap<>();
    private volatile MaterialChanges materialChanges = MaterialChanges.none();

    @Override
    public Optional<SubjectId> subjectOf(IdentifierHash identifier) {
        return Optional.ofNullable(identifiers.get(identifier));
    }

    @Override
    public Optional<SubjectState> subject(SubjectId id) {
        return Optional.ofNullable(subjects.get(id));
    }

    @Override
    public void forEachSubject(Consumer<SubjectState> action) {
        subjects.values().forEach(action);
    }

    @Override
    public Optional<Purpose> purpose(PurposeCode code) {
        return Optional.ofNullable(purposes.get(code));
    }

    @Override
    public MaterialChanges materialChanges() {
        return materialChanges;
    }

    @Override
    public void subjectChanged(SubjectState state) {
        // atomic with subjectRemoved on the same key: news of a change committed before a merge,
        // arriving after it, does not bring the absorbed subject back
        subjects.compute(state.subject().id(), (id, old) -> removed.contains(id) ? null
                : old == null || state.subject().version() >= old.subject().version() ? state : old);
    }

    @Override
    public void identifierLinked(IdentifierHash identifier, SubjectId subject) {
        if (!removed.contains(subject)) {
            identifiers.put(identifier, subject);
        }
    }

    @Override
    public void subjectErased(SubjectId subject, Collection<IdentifierHash> formerIdentifiers) {
        subjectRemoved(subject);
        formerIdentifiers.forEach(hash -> identifiers.remove(hash, subject));
    }

    @Override
    public void identifierUnlinked(IdentifierHash identifier, SubjectId subject) {
        identifiers.remove(identifier, subject);
    }

    @Override
    public void subjectRemoved(SubjectId subject) {
        removed.add(subject);
        subjects.remove(subject);
    }

    /** One walk over every identifier, whatever the number of subjects: meant for the rare changes that remove links. */
    @Override
    public void identifiersReplaced(Map<SubjectId, Set<IdentifierHash>> current) {
        current.forEach((subject, hashes) -> hashes.forEach(hash -> identifierLinked(hash, subject)));
        // conditional removal (remove(key, value)): a link moved to another subject meanwhile stays
        identifiers.entrySet().removeIf(link -> {
            Set<IdentifierHash> now = current.get(link.getValue());
            return now != null && !now.contains(link.getKey());
        });
    }

    @Override
    public void purposeDefined(Purpose purpose) {
        purposes.put(purpose.code(), purpose);
    }

    @Override
    public synchronized void noticePublished(Notice notice) {
        materialChanges = materialChanges.with(notice);
    }
}
