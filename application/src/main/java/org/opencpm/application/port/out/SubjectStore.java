package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/** Subjects and the identifiers that lead to them (stored only as hashes and sealed values). */
public interface SubjectStore {

    Optional<SubjectId> findByIdentifier(IdentifierHash hash);

    Optional<Subject> find(SubjectId id);

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
