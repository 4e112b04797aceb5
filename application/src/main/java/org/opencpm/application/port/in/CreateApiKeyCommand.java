package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * Create an API key called {@code name} with {@code roles}, valid until {@code expiresAt} when given.
 * A {@link Role#COLLECTOR collector} key is a browser key: it has that role alone and is bound to
 * the web {@code origins} of the brand's pages (at least one, at most {@value #MAX_ORIGINS}); no
 * other key has origins (ADR 0023).
 */
public record CreateApiKeyCommand(String name, Set<Role> roles, Optional<Instant> expiresAt, Set<WebOrigin> origins, Actor actor) {

    /** The most origins one collector key may be used from. */
    public static final int MAX_ORIGINS = 20;

    public CreateApiKeyCommand {
        Checks.singleLine(Checks.maxLength(Checks.requiredText(name, "name"), 100, "name"), "name");
        roles = Set.copyOf(Checks.notEmpty(Checks.required(roles, "roles"), "roles"));
        Checks.required(expiresAt, "expiresAt");
        origins = Set.copyOf(Checks.required(origins, "origins"));
        Checks.required(actor, "actor");
        if (roles.contains(Role.COLLECTOR) && roles.size() > 1) {
            throw new InvalidValueException("roles", "a collector key is put in web pages: it has no other role");
        }
        if (roles.contains(Role.COLLECTOR) && origins.isEmpty()) {
            throw new InvalidValueException("origins", "a collector key needs the web origins of the pages it is used on");
        }
        if (!roles.contains(Role.COLLECTOR) && !origins.isEmpty()) {
            throw new InvalidValueException("origins", "only a collector key is bound to web origins");
        }
        if (origins.size() > MAX_ORIGINS) {
            throw new InvalidValueException("origins", "at most " + MAX_ORIGINS + " origins");
        }
    }

    /** A key bound to no origin. */
    public CreateApiKeyCommand(String name, Set<Role> roles, Optional<Instant> expiresAt, Actor actor) {
        this(name, roles, expiresAt, Set.of(), actor);
    }

    /** A key that does not expire. */
    public CreateApiKeyCommand(String name, Set<Role> roles, Actor actor) {
        this(name, roles, Optional.empty(), actor);
    }
}
