package org.opencpm.application.port.in;

import java.util.Set;

/** The holder of a valid API key: which key, its name, and its roles. Never the key itself. */
public record ApiPrincipal(String keyId, String name, Set<Role> roles) {

    public ApiPrincipal {
        roles = Set.copyOf(roles);
    }

    /** Whether this key may act in any of {@code allowed}; an admin may do everything. */
    public boolean mayActAs(Set<Role> allowed) {
        return roles.contains(Role.ADMIN) || roles.stream().anyMatch(allowed::contains);
    }

    public Actor actor() {
        return Actor.apiKey(keyId);
    }
}
