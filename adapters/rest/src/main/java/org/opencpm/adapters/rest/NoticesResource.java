package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.NoticeReconsent;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.in.ReviewNoticesUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.notice.NoticeRef;

/**
 * Notice versions: published once by an admin (201), identical republishing answered 200, read by
 * every role; listed (without their text, which can be long), and, for a material version, who
 * must be asked again because of it (PIPL Art. 14 ¶2), by pseudonymous subject id only.
 */
@ApplicationScoped
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticesResource {

    @Inject
    PublishNoticeUseCase notices;

    @Inject
    ReviewNoticesUseCase review;

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(InputStream body, @Context SecurityContext caller) {
        PublishNoticeUseCase.Published published = notices.publish(ApiRequests.notice(JsonInput.object(body), ApiKeyPrincipal.actorOf(caller)));
        return Responses.json(published.created() ? 201 : 200, ApiJson.notice(published.notice()));
    }

    @GET
    @Path("{code}/versions/{version}")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response get(@PathParam("code") String code, @PathParam("version") String version) {
        NoticeRef ref = ApiRequests.noticeRef(code, version);
        return notices.find(ref).map(n -> Responses.ok(ApiJson.notice(n)))
                .orElseGet(() -> Problem.response(404, "unknown-notice", "notice " + ref + " is not published"));
    }

    /** Every version of every notice, by code and then in the order published; the text is read one version at a time. */
    @GET
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response list() {
        JsonArrayBuilder list = Jsons.array();
        review.versions().forEach(n -> list.add(Jsons.object(ApiJson.notice(n)).remove("content")
                .add("hasContent", n.content().isPresent())));
        return Responses.json(200, list.build());
    }

    @GET
    @Path("{code}/versions/{version}/reconsent")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response reconsent(@PathParam("code") String code, @PathParam("version") String version, @QueryParam("limit") String limit) {
        NoticeRef ref = ApiRequests.noticeRef(code, version);
        int max = Limits.parse(limit, 100, ReviewNoticesUseCase.MAX_LIMIT);
        return review.reconsent(ref, max).map(r -> Responses.ok(reconsent(r)))
                .orElseGet(() -> Problem.response(404, "unknown-notice", "notice " + ref + " is not published"));
    }

    private static jakarta.json.JsonObject reconsent(NoticeReconsent r) {
        JsonArrayBuilder purposes = Jsons.array();
        r.notice().sortedPurposes().forEach(p -> purposes.add(p.value()));
        JsonArrayBuilder subjects = Jsons.array();
        r.subjects().forEach(s -> subjects.add(s.value()));
        return Jsons.object()
                .add("code", r.notice().ref().code())
                .add("version", r.notice().ref().version())
                .add("material", r.notice().material())
                .add("purposes", purposes)
                .add("at", ApiJson.time(r.at()))
                .add("people", r.people())
                .add("consents", r.consents())
                .add("byShownVersion", counts(r.byShownVersion()))
                .add("byPurpose", counts(r.byPurpose()))
                .add("subjects", subjects)
                .add("truncated", r.truncated())
                .build();
    }

    private static JsonObjectBuilder counts(Map<String, Long> counts) {
        JsonObjectBuilder json = Jsons.object();
        new TreeMap<>(counts).forEach(json::add);
        return json;
    }
}
