package org.opencpm.application.port.in;

import java.util.Set;

/**
 * The holder of a valid API key: which key, its name, its roles and, for a collector key, the web
 * origins it may be used from (ADR 0023). Never the key itself.
 */
public record ApiPrincipal(String keyId, String name, Set<Role> roles, Set<WebOrigin> origins) {

    public ApiPrincipal {
        roles = Set.copyOf(roles);
        origins = Set.copyOf(origins);
    }

    /** A key bound to no origin. */
    public ApiPrincipal(String keyId, String name, Set<Role> roles) {
        this(keyId, name, roles, Set.of());
    }

    /** Whether this key may act in any of {@code allowed}; an admin may do everything. */
    public boolean mayActAs(Set<Role> allowed) {
        return roles.contains(Role.ADMIN) || roles.stream().anyMatch(allowed::contains);
    }

    /** Whether this is a browser key, usable only from its {@link #origins()}. */
    public boolean boundToOrigins() {
        return roles.contains(Role.COLLECTOR);
    }

    public Actor actor() {
        return Actor.apiKey(keyId);
    }
}
