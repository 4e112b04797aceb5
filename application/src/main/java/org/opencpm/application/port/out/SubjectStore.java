package org.opencpm.application.port.out;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/** Subjects and the identifiers that lead to them (stored only as hashes and sealed values). */
public interface SubjectStore {

    Optional<SubjectId> findByIdentifier(IdentifierHash hash);

    Optional<Subject> find(SubjectId id);

    /**
     * Where each of {@code hashes} leads, looked up at once (a batch of events resolves all its
     * identifiers in one go); hashes that lead nowhere are left out. Inside a transaction the
     * answers hold for the rest of it, as {@link #findByIdentifier}'s do.
     */
    default Map<IdentifierHash, SubjectId> findByIdentifiers(Collection<IdentifierHash> hashes) {
        Map<IdentifierHash, SubjectId> found = new HashMap<>();
        for (IdentifierHash hash : hashes) {
            findByIdentifier(hash).ifPresent(id -> found.put(hash, id));
        }
        return found;
    }

    /** A subject to insert ({@code expectedVersion} empty) or to update from {@code expectedVersion}. */
    record Save(Subject subject, Optional<Long> expectedVersion) {
    }

    /** A new link of an identifier to a subject. */
    record NewLink(SubjectId subject, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
    }

    /**
     * {@link #save}s each subject, then {@link #link}s each identifier, in the order given: the
     * writes of a batch of events, sent to the database together (at most one save per subject).
     *
     * @throws ConcurrencyConflictException as {@link #save} and {@link #link} do, for any of them
     */
    default void saveAll(List<Save> saves, List<NewLink> links) {
        saves.forEach(save -> save(save.subject(), save.expectedVersion()));
        links.forEach(link -> link(link.subject(), link.type(), link.hash(), link.sealed()));
    }

    /**
     * Inserts a new subject ({@code expectedVersion} empty) or updates one whose stored version
     * is {@code expectedVersion}.
     *
     * @throws ConcurrencyConflictException when the stored version differs, or the subject exists already
     */
    void save(Subject subject, Optional<Long> expectedVersion);

    /**
     * Links an identifier to a subject.
     *
     * @throws ConcurrencyConflictException when the identifier was linked to a subject meanwhile
     */
    void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed);

    List<LinkedIdentifier> identifiersOf(SubjectId id);

    /**
     * Removes the link of {@code hash} to {@code id}: the identifier no longer leads to anyone.
     *
     * @return whether it was linked to {@code id} (nothing is removed otherwise)
     */
    boolean unlink(SubjectId id, IdentifierHash hash);

    /**
     * Marks {@code from} as absorbed by {@code into} and links every identifier of {@code from}
     * to {@code into}, so that they lead to {@code into} from now on. The caller has checked that
     * neither is merged and holds both subject rows (saved in this transaction).
     */
    void merge(SubjectId from, SubjectId into);

    /** The subject that absorbed {@code id} (directly, not transitively); empty when it was not merged. */
    Optional<SubjectId> mergedInto(SubjectId id);

    /**
     * Every subject merged into {@code into}, transitively (a subject merged into one that was
     * merged into {@code into} too), in no particular order; empty when none was. Erasure erases
     * them all with {@code into}; the history of {@code into} shows their events.
     */
    List<SubjectId> absorbedBy(SubjectId into);
}
