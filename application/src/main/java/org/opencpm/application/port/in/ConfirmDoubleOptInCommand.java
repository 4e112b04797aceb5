package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.consent.Evidence;

/** The person followed their confirmation link: the token from it, and the evidence of the click. */
public record ConfirmDoubleOptInCommand(String token, Evidence evidence, Optional<Instant> occurredAt, Actor actor) {

    public ConfirmDoubleOptInCommand {
        Checks.maxLength(Checks.requiredText(token, "token"), 200, "token");
        Checks.required(evidence, "evidence");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(actor, "actor");
    }
}
