package org.opencpm.testfixtures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

public final class InMemoryPreferenceStore implements PreferenceStore {

    private final Map<SubjectId, Preferences> preferences = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryPreferenceStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Preferences> find(SubjectId subject) {
        return Optional.ofNullable(preferences.get(subject));
    }

    @Override
    public void save(SubjectId subject, Preferences prefs) {
        Preferences previous = preferences.put(subject, prefs);
        tx.onRollback(() -> {
            if (previous == null) {
                preferences.remove(subject);
            } else {
                preferences.put(subject, previous);
            }
        });
    }

    /** Deletes the preferences of {@code subject} (the shredder's part); returns how many (0 or 1). */
    public int forget(SubjectId subject) {
        Preferences gone = preferences.remove(subject);
        if (gone == null) {
            return 0;
        }
        tx.onRollback(() -> preferences.put(subject, gone));
        return 1;
    }
}
