package org.opencpm.adapters.rest.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.Role;

/** The API key a request was made with, as JAX-RS's principal. Its name is the key's id. */
public record ApiKeyPrincipal(ApiPrincipal key) implements Principal {

    @Override
    public String getName() {
        return key.keyId();
    }

    /** The actor to record for a request made in {@code context}. */
    public static Actor actorOf(SecurityContext context) {
        if (context.getUserPrincipal() instanceof ApiKeyPrincipal principal) {
            return principal.key().actor();
        }
        throw new IllegalStateException("no API key on this request");
    }

    SecurityContext asContext(boolean secure) {
        return asContext(secure, "Bearer");
    }

    SecurityContext asContext(boolean secure, String scheme) {
        ApiKeyPrincipal self = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return self;
            }

            @Override
            public boolean isUserInRole(String role) {
                return key.mayActAs(Set.of(Role.parse(role, "role")));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}
