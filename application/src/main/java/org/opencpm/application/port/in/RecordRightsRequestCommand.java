package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;

/** Record a person's rights request: who (by id or identifiers), what, through which channel, verified how. */
public record RecordRightsRequestCommand(SubjectLocator subject, RightsRequestType type, CollectionChannel channel,
                                         Verification verification, Optional<String> note, Actor actor) {

    public RecordRightsRequestCommand {
        Checks.required(subject, "subject");
        Checks.required(type, "type");
        Checks.required(channel, "channel");
        Checks.required(verification, "verification");
        Checks.required(note, "note").ifPresent(n -> Checks.maxLength(Checks.text(n, "note"), RightsRequest.MAX_TEXT, "note"));
        Checks.required(actor, "actor");
    }
}
