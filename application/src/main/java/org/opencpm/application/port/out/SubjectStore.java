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
}
