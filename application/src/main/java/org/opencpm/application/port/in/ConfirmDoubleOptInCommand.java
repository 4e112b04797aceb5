package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The person followed their confirmation link: the token from it, and the evidence of the click.
 *
 * @param intended when the client also says whose grant and which purpose it confirms (a consent
 *                 event with action {@code confirm}): the token must be the one sent for exactly that
 */
public record ConfirmDoubleOptInCommand(String token, Evidence evidence, Optional<Instant> occurredAt, Actor actor,
                                        Optional<Intended> intended) {

    public ConfirmDoubleOptInCommand {
        Checks.maxLength(Checks.requiredText(token, "token"), 200, "token");
        Checks.required(evidence, "evidence");
        if (!evidence.attachments().isEmpty()) {
            // a click on a link has no signature or form to keep; files come with the consent event itself
            throw new InvalidValueException("evidence.attachments", "files are kept with consent events, not with a confirmation");
        }
        Checks.required(occurredAt, "occurredAt");
        Checks.required(actor, "actor");
        Checks.required(intended, "intended");
    }

    /** A confirmation by token alone, as the person's link sends it. */
    public ConfirmDoubleOptInCommand(String token, Evidence evidence, Optional<Instant> occurredAt, Actor actor) {
        this(token, evidence, occurredAt, actor, Optional.empty());
    }

    /** The subject and purpose a confirmation claims to be for. */
    public record Intended(SubjectReference subject, PurposeCode purpose) {
        public Intended {
            Checks.required(subject, "subject");
            Checks.required(purpose, "purpose");
        }
    }
}
