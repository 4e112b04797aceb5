package org.opencpm.adapters.persistence.preference;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

/** Each subject's preferences in {@code preferences}, as JSON. */
public final class JpaPreferenceStore implements PreferenceStore {

    private final JpaTransactions tx;

    public JpaPreferenceStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Preferences> find(SubjectId subject) {
        return tx.read(em -> Optional.ofNullable(em.find(PreferencesJpaEntity.class, subject.value()))
                .map(row -> PreferencesJson.read(row.body)));
    }

    /** The preferences of several subjects at once (subjects that set none are left out). */
    public Map<SubjectId, Preferences> findAll(Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        List<String> ids = subjects.stream().map(SubjectId::value).distinct().toList();
        return tx.read(em -> {
            Map<SubjectId, Preferences> found = new HashMap<>();
            em.createQuery("SELECT p FROM PreferencesJpaEntity p WHERE p.subjectId IN :ids", PreferencesJpaEntity.class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> found.put(SubjectId.of(row.subjectId), PreferencesJson.read(row.body)));
            return found;
        });
    }

    @Override
    public void save(SubjectId subject, Preferences preferences) {
        tx.write(em -> {
            PreferencesJpaEntity row = em.find(PreferencesJpaEntity.class, subject.value());
            if (row == null) {
                em.persist(new PreferencesJpaEntity(subject.value(), PreferencesJson.write(preferences)));
            } else {
                row.body = PreferencesJson.write(preferences);
            }
            return null;
        });
    }
}
