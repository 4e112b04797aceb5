package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.ExpireConsentsUseCase;
import org.opencpm.application.port.in.Role;

/**
 * {@code POST /api/v1/consents:expire}: an administrator has the expiry run now instead of waiting
 * for the scheduled one, e.g. after a purpose's validity was shortened. It reads no input: a body
 * other than none or {@code {}} is refused (400) before it acts.
 */
@ApplicationScoped
@Path("/api/v1")
public class ExpiryResource {

    @Inject
    ExpireConsentsUseCase expiry;

    @POST
    @Path("consents:expire")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response expire(InputStream body) {
        JsonInput.none(body);
        return Responses.ok(Jsons.object().add("expired", expiry.expireLapsed()).build());
    }
}
