package org.opencpm.application.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * The subjects a batch of events writes, kept in memory until the batch is {@linkplain #flush
 * flushed}, and read back by the batch's later events: a person registered by the first event of
 * a batch is found by the second. Lookups of the batch's identifiers are made at once, before
 * its first event ({@link #lookUpAll}); a subject registered by the batch is known to have no row
 * yet, so nothing is asked of the store about it.
 */
final class BufferedSubjects implements SubjectStore {

    private final SubjectStore stored;
    private final BatchUndo undo;
    private final Set<IdentifierHash> lookedUp = new HashSet<>();
    private final Map<IdentifierHash, SubjectId> found = new HashMap<>();
    private final Map<IdentifierHash, SubjectId> linked = new HashMap<>();
    private final List<NewLink> links = new ArrayList<>();
    private final Map<SubjectId, Save> saves = new LinkedHashMap<>();

    BufferedSubjects(SubjectStore stored, BatchUndo undo) {
        this.stored = stored;
        this.undo = undo;
    }

    /** Looks every one of {@code hashes} up in the store, in one go. */
    void lookUpAll(Collection<IdentifierHash> hashes) {
        found.putAll(stored.findByIdentifiers(hashes));
        lookedUp.addAll(hashes);
    }

    /** Whether {@code id} was registered by this batch (it has no row in the store yet). */
    boolean registeredHere(SubjectId id) {
        Save save = saves.get(id);
        return save != null && save.expectedVersion().isEmpty();
    }

    @Override
    public Optional<SubjectId> findByIdentifier(IdentifierHash hash) {
        SubjectId here = linked.get(hash);
        if (here != null) {
            return Optional.of(here);
        }
        return lookedUp.contains(hash) ? Optional.ofNullable(found.get(hash)) : stored.findByIdentifier(hash);
    }

    @Override
    public Optional<Subject> find(SubjectId id) {
        Save save = saves.get(id);
        return save != null ? Optional.of(save.subject()) : stored.find(id);
    }

    /** Kept as one save per subject: its latest state, from the version the store holds. */
    @Override
    public void save(Subject subject, Optional<Long> expectedVersion) {
        Save earlier = saves.get(subject.id());
        undo.put(saves, subject.id(), new Save(subject, earlier == null ? expectedVersion : earlier.expectedVersion()));
    }

    @Override
    public void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
        undo.put(linked, hash, id);
        undo.add(links, new NewLink(id, type, hash, sealed));
    }

    @Override
    public Optional<SubjectId> mergedInto(SubjectId id) {
        return registeredHere(id) ? Optional.empty() : stored.mergedInto(id);
    }

    @Override
    public List<LinkedIdentifier> identifiersOf(SubjectId id) {
        return stored.identifiersOf(id);
    }

    @Override
    public boolean unlink(SubjectId id, IdentifierHash hash) {
        throw new UnsupportedOperationException("a batch of consent events unlinks nothing");
    }

    @Override
    public void merge(SubjectId from, SubjectId into) {
        throw new UnsupportedOperationException("a batch of consent events merges nothing");
    }

    @Override
    public List<SubjectId> absorbedBy(SubjectId into) {
        return stored.absorbedBy(into);
    }

    void flush() {
        stored.saveAll(List.copyOf(saves.values()), links);
    }
}
