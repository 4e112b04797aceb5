package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.IssuePreferenceLinkUseCase;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.subject.SubjectId;

/**
 * {@code POST /api/v1/subjects/{subjectId}/preference-links} {@code {"ttlMinutes": 60}} → 201
 * {@code {url, expiresAt, linkId}}: a signed link to the preference centre for that person alone
 * (ADR 0022). The token travels in the URL's fragment ({@code /preference-center/#t=…}), which a
 * browser sends to no server and puts in no Referer. The link's address is
 * {@code opencpm.public-url}; without it no link is issued (409 {@code public-url-not-set}): the
 * address a request came to is its {@code Host} header, which whoever sends it (or a proxy that
 * passes it on) chooses, and a link sent to a person must never lead where a stranger said.
 */
@ApplicationScoped
@Path("/api/v1/subjects/{subjectId}/preference-links")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.INTEGRATOR)
public class PreferenceLinksResource {

    static final int DEFAULT_TTL_MINUTES = 60;

    @Inject
    IssuePreferenceLinkUseCase links;

    @Inject
    @ConfigProperty(name = "opencpm.public-url")
    Optional<String> publicUrl;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("subjectId") String subjectId, InputStream body, @Context SecurityContext caller) {
        SubjectId id = ApiRequests.subjectId(subjectId, "subjectId");
        Fields f = JsonInput.object(body).allowOnly("ttlMinutes");
        int ttl = f.optionalInt("ttlMinutes").orElse(DEFAULT_TTL_MINUTES);
        if (ttl < IssuePreferenceLinkUseCase.MIN_TTL.toMinutes() || ttl > IssuePreferenceLinkUseCase.MAX_TTL.toMinutes()) {
            throw new JsonInputException("ttlMinutes", "must be between " + IssuePreferenceLinkUseCase.MIN_TTL.toMinutes()
                    + " and " + IssuePreferenceLinkUseCase.MAX_TTL.toMinutes());
        }
        Optional<String> base = publicUrl.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", ""));
        if (base.isEmpty()) {
            return Problem.response(409, "public-url-not-set", "links are issued only on the address people reach this server at: "
                    + "set opencpm.public-url (e.g. https://privacy.example.cn)");
        }
        PreferenceLink link = links.issue(id, Duration.ofMinutes(ttl), ApiKeyPrincipal.actorOf(caller));
        String url = base.get() + "/preference-center/#t=" + link.token();
        return Responses.created(Jsons.object().add("url", url).add("expiresAt", ApiJson.time(link.expiresAt()))
                .add("linkId", link.linkId()).build());
    }
}
