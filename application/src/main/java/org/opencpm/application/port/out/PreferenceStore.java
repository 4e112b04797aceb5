package org.opencpm.application.port.out;

import java.util.Optional;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

/** Each subject's preferences. */
public interface PreferenceStore {

    Optional<Preferences> find(SubjectId subject);

    /** Inserts or replaces. */
    void save(SubjectId subject, Preferences preferences);
}
