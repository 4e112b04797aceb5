package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.in.ReceiveCallbackUseCase;

/**
 * Platforms' callbacks, {@code /hooks/{connectorId}/{path}}: never behind our API keys — the
 * connector checks each one the platform's way (a signature, a token) — and answered in the
 * platform's own format. GET is there for the platforms that verify an endpoint with one (WeChat's
 * echostr handshake).
 */
@ApplicationScoped
@Path("/hooks/{connectorId}")
public class HooksResource {

    @Inject
    ReceiveCallbackUseCase callbacks;

    @Inject
    BodyLimits limits;

    @POST
    @Path("{path: .*}")
    public Response post(@PathParam("connectorId") String connectorId, @PathParam("path") String path,
                         @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return receive(connectorId, path, "POST", uri, headers, body);
    }

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("connectorId") String connectorId, @PathParam("path") String path,
                        @Context UriInfo uri, @Context HttpHeaders headers) {
        return receive(connectorId, path, "GET", uri, headers, null);
    }

    private Response receive(String connectorId, String path, String method, UriInfo uri, HttpHeaders headers, InputStream body) {
        byte[] bytes = JsonInput.bytes(body, limits.defaultLimit());
        // CallbackRequest copies both maps; its header lookup ignores case.
        CallbackRequest request = new CallbackRequest(connectorId, path, method, uri.getQueryParameters(), headers.getRequestHeaders(), bytes);
        CallbackResponse answer = callbacks.receive(request);
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (answer.contentType() != null && !answer.contentType().isBlank()) {
            response.type(answer.contentType());
        }
        return response.build();
    }
}
