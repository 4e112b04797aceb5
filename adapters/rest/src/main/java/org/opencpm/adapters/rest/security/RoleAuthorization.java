package org.opencpm.adapters.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.self.SelfPaths;
import org.opencpm.application.port.in.Role;

/**
 * What the caller may do: at deployment, each {@code /api} resource method gets a check that the
 * key's roles include one the method is {@link Allowed} for (admin-only when it names none).
 */
@Provider
@ApplicationScoped
public class RoleAuthorization implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Path path = resource.getResourceClass().getAnnotation(Path.class);
        if (path == null || !path.value().replaceFirst("^/", "").startsWith("api")) {
            return;
        }
        if (SelfPaths.isSelf(path.value())) {
            return; // the person a self-service token names, not a key with roles (SelfTokenAuthentication)
        }
        context.register(new RoleCheck(allowedFor(resource.getResourceMethod(), resource.getResourceClass())), Priorities.AUTHORIZATION);
    }

    static Set<Role> allowedFor(Method method, Class<?> type) {
        Allowed allowed = method == null ? null : method.getAnnotation(Allowed.class);
        if (allowed == null && type != null) {
            allowed = type.getAnnotation(Allowed.class);
        }
        return allowed == null ? EnumSet.of(Role.ADMIN) : Set.of(allowed.value());
    }

    /** The check for one resource method. */
    record RoleCheck(Set<Role> allowed) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal)) {
                request.abortWith(Problem.response(401, "unauthorized", "send your API key as 'Authorization: Bearer <key>'"));
                return;
            }
            if (!principal.key().mayActAs(allowed)) {
                request.abortWith(Problem.response(403, "forbidden", "this API key has the roles "
                        + codes(principal.key().roles()) + " but this call needs one of " + codes(allowed)));
            }
        }

        private static String codes(Set<Role> roles) {
            return roles.stream().map(Role::code).sorted().toList().toString();
        }
    }
}
