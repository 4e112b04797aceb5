package org.opencpm.application.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * The persons' keys a batch of events makes (with each new person's first personal data), kept in
 * memory until the batch is {@linkplain #flush flushed}; and the erasures the batch asks about. A
 * person the batch registered has no key and no erasure yet: the store is not asked.
 */
final class BufferedSubjectKeys {

    private final SubjectKeyStore keys;
    private final ErasureStore erasures;
    private final BufferedSubjects subjects;
    private final BatchUndo undo;
    private final Map<SubjectId, WrappedKey> made = new LinkedHashMap<>();

    BufferedSubjectKeys(SubjectKeyStore keys, ErasureStore erasures, BufferedSubjects subjects, BatchUndo undo) {
        this.keys = keys;
        this.erasures = erasures;
        this.subjects = subjects;
        this.undo = undo;
    }

    SubjectKeyStore keys() {
        return new SubjectKeyStore() {
            @Override
            public Optional<WrappedKey> find(SubjectId subject) {
                WrappedKey here = made.get(subject);
                if (here != null) {
                    return Optional.of(here);
                }
                return subjects.registeredHere(subject) ? Optional.empty() : keys.find(subject);
            }

            @Override
            public void insert(SubjectId subject, WrappedKey key) {
                undo.put(made, subject, key);
            }

            @Override
            public boolean destroy(SubjectId subject) {
                throw new UnsupportedOperationException("a batch of consent events destroys no key");
            }
        };
    }

    ErasureStore erasures() {
        return new ErasureStore() {
            @Override
            public Optional<Erasure> find(SubjectId subject) {
                return subjects.registeredHere(subject) ? Optional.empty() : erasures.find(subject);
            }

            @Override
            public void start(Erasure erasure) {
                throw new UnsupportedOperationException("a batch of consent events erases no one");
            }

            @Override
            public List<Erasure> unfinished(int limit) {
                return erasures.unfinished(limit);
            }

            @Override
            public boolean finish(Erasure erasure) {
                throw new UnsupportedOperationException("a batch of consent events erases no one");
            }
        };
    }

    void flush() {
        keys.insertAll(made);
    }
}
