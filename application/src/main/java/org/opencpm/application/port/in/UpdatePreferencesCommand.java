package org.opencpm.application.port.in;

import org.opencpm.domain.Checks;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

/** Replace a subject's preferences with {@code preferences}, set through {@code channel}. */
public record UpdatePreferencesCommand(SubjectId subjectId, Preferences preferences, CollectionChannel channel, Actor actor) {

    public UpdatePreferencesCommand {
        Checks.required(subjectId, "subjectId");
        Checks.required(preferences, "preferences");
        Checks.required(channel, "channel");
        Checks.required(actor, "actor");
    }
}
