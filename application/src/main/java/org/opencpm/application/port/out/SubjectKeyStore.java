package org.opencpm.application.port.out;

import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.subject.SubjectId;

/**
 * Each person's data key, wrapped ({@link PersonalCipher}): made with their first personal data,
 * destroyed by their erasure. Joins the caller's transaction.
 */
public interface SubjectKeyStore {

    Optional<WrappedKey> find(SubjectId subject);

    /**
     * Keeps {@code key} as the key of {@code subject}.
     *
     * @throws ConcurrencyConflictException when the subject has a key already (another transaction made one meanwhile)
     */
    void insert(SubjectId subject, WrappedKey key);

    /**
     * {@link #insert}s each key: a batch's, sent to the database together.
     *
     * @throws ConcurrencyConflictException when any of the subjects has a key already
     */
    default void insertAll(Map<SubjectId, WrappedKey> keys) {
        keys.forEach(this::insert);
    }

    /**
     * Destroys the key of {@code subject}: what was sealed under it can never be read again.
     *
     * @return whether there was one
     */
    boolean destroy(SubjectId subject);
}
