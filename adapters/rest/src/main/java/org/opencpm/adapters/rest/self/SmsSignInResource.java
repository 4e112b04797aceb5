package org.opencpm.adapters.rest.self;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.ClientAddress;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.in.SmsSignInUseCase;
import org.opencpm.application.selfservice.TooManyCodesException;

/**
 * {@code /api/v1/self/sms-codes}: reaching the preference centre with a one-time code by SMS
 * instead of a link (ADR 0022). {@code GET} says whether it is set up; {@code POST {"phone"}} →
 * 202 {@code {challenge, expiresAt}}, the same for a phone OpenCPM knows and one it does not;
 * {@code POST :verify {"challenge", "phone", "code"}} → 200 {@code {token, expiresAt}}, a
 * self-service token of 15 minutes, or 422 {@code code-refused}. Too many codes for one phone,
 * too many from one client address ({@link ClientAddress}) or from everyone, or too many wrong ones
 * for one challenge: 429. The phone travels in bodies only, never in a URL.
 */
@ApplicationScoped
@Path("/api/v1/self")
@Produces(MediaType.APPLICATION_JSON)
public class SmsSignInResource {

    private static final long RETRY_AFTER_SECONDS = 15 * 60;

    @Inject
    SmsSignInUseCase signIn;

    @GET
    @Path("sms-codes")
    public Response available() {
        return Response.ok(Jsons.object().add("available", signIn.available()).build().toString(), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("sms-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(InputStream body, @Context ContainerRequestContext request) {
        Fields f = JsonInput.object(body).allowOnly("phone");
        String phone = f.requiredString("phone");
        try {
            SmsSignInUseCase.Challenge challenge = signIn.requestCode(phone, ClientAddress.of(request));
            return Response.status(202).type(MediaType.APPLICATION_JSON).entity(Jsons.object().add("challenge", challenge.challenge())
                    .add("expiresAt", ApiJson.time(challenge.expiresAt())).build().toString()).build();
        } catch (TooManyCodesException e) {
            return tooMany(e);
        }
    }

    @POST
    @Path("sms-codes:verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body) {
        Fields f = JsonInput.object(body).allowOnly("challenge", "phone", "code");
        String challenge = f.requiredString("challenge");
        String phone = f.requiredString("phone");
        String code = f.requiredString("code");
        try {
            PreferenceLink session = signIn.verify(challenge, phone, code);
            return Response.ok(Jsons.object().add("token", session.token()).add("expiresAt", ApiJson.time(session.expiresAt()))
                    .build().toString(), MediaType.APPLICATION_JSON).build();
        } catch (TooManyCodesException e) {
            return tooMany(e);
        }
    }

    private static Response tooMany(TooManyCodesException e) {
        return Response.fromResponse(Problem.response(429, e.code(), e.getMessage()))
                .header("Retry-After", Long.toString(RETRY_AFTER_SECONDS)).build();
    }
}
