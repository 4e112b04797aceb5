package org.opencpm.application.port.in;

import java.util.Set;
import org.opencpm.domain.Checks;

/** Create an API key called {@code name} with {@code roles}. */
public record CreateApiKeyCommand(String name, Set<Role> roles, Actor actor) {

    public CreateApiKeyCommand {
        Checks.singleLine(Checks.maxLength(Checks.requiredText(name, "name"), 100, "name"), "name");
        roles = Set.copyOf(Checks.notEmpty(Checks.required(roles, "roles"), "roles"));
        Checks.required(actor, "actor");
    }
}
