package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;

/** Create an API key called {@code name} with {@code roles}, valid until {@code expiresAt} when given. */
public record CreateApiKeyCommand(String name, Set<Role> roles, Optional<Instant> expiresAt, Actor actor) {

    public CreateApiKeyCommand {
        Checks.singleLine(Checks.maxLength(Checks.requiredText(name, "name"), 100, "name"), "name");
        roles = Set.copyOf(Checks.notEmpty(Checks.required(roles, "roles"), "roles"));
        Checks.required(expiresAt, "expiresAt");
        Checks.required(actor, "actor");
    }

    /** A key that does not expire. */
    public CreateApiKeyCommand(String name, Set<Role> roles, Actor actor) {
        this(name, roles, Optional.empty(), actor);
    }
}
