package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.PurposeCode;

/** Ask to send one message to a subject for a purpose on a channel, about a topic. */
public record SendPermitCommand(SubjectLocator subject, PurposeCode purpose, ContactChannel channel, Optional<String> topic,
                                Actor actor) {

    public SendPermitCommand {
        Checks.required(subject, "subject");
        Checks.required(purpose, "purpose");
        Checks.required(channel, "channel");
        Checks.required(topic, "topic");
        Checks.required(actor, "actor");
    }
}
