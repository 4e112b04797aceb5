package org.opencpm.application.port.in;

import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

/**
 * Read and replace a subject's preferences: topics, channels, frequency caps, quiet hours,
 * language. A change is audited, propagated to connectors and seen by the next decision.
 */
public interface ManagePreferencesUseCase {

    /** Their preferences, {@link Preferences#none()} if they never set any. */
    Preferences preferencesOf(SubjectId subjectId);

    /** Stores the new preferences and returns the subject's version after the change. */
    long update(UpdatePreferencesCommand command);
}
