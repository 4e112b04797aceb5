package org.opencpm.adapters.rest.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The web pages: {@code /} (the landing page) and the files under {@code /assets/},
 * {@code /preference-center/}, {@code /sdk/}, {@code /store/} and {@code /admin/}, from the class
 * path's {@code web/} folder. GET and HEAD only (JAX-RS answers other methods 405); a folder path
 * without its slash is redirected to it (so the page's relative links resolve); a path that names
 * no file gets a small HTML 404 page; other paths ({@code /api}, {@code /health}, {@code /metrics},
 * {@code /openapi}, {@code /hooks}) are not matched here at all.
 *
 * <p>Every answer carries an ETag and {@code Cache-Control: no-cache} (the browser keeps the file
 * but asks each time, so a new release is seen at once and an unchanged file costs a 304), and
 * the security headers of {@link WebHeaders}.
 */
@ApplicationScoped
@Path("/")
public class WebResource {

    private static final String NOT_FOUND_PAGE = """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>404 · OpenCPM</title></head>
            <body><main><h1>404</h1><p>页面不存在。 The page does not exist.</p><p><a href="/">OpenCPM</a></p></main></body></html>
            """;

    @GET
    public Response landing(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("index.html", "index.html", ifNoneMatch);
    }

    @GET
    @Path("{face: " + WebPaths.FACES + "}{rest: (/.*)?}")
    public Response file(@PathParam("face") String face, @Encoded @PathParam("rest") String rest,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        if (uri.getRequestUri().getRawPath().indexOf(';') >= 0) {
            // JAX-RS would read "a.css;x" as "a.css" with a matrix parameter: a name is a name
            return notFound(face + rest);
        }
        if (rest.isEmpty()) {
            return WebHeaders.apply(Response.status(301).location(URI.create("/" + face + "/")), face + "/").build();
        }
        Optional<String> file = WebPaths.file(face, rest);
        return file.map(f -> serve(f, face + rest, ifNoneMatch)).orElseGet(() -> notFound(face + rest));
    }

    private static Response serve(String file, String requestPath, String ifNoneMatch) {
        Optional<StaticFile> found = StaticFile.load(file);
        if (found.isEmpty()) {
            return notFound(requestPath);
        }
        StaticFile f = found.get();
        Response.ResponseBuilder answer = f.matches(ifNoneMatch) ? Response.notModified()
                : Response.ok(f.bytes()).header(HttpHeaders.CONTENT_TYPE, f.mediaType());
        return WebHeaders.apply(answer.header(HttpHeaders.ETAG, f.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache"), requestPath)
                .build();
    }

    private static Response notFound(String requestPath) {
        return WebHeaders.apply(Response.status(404).header(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(NOT_FOUND_PAGE.getBytes(StandardCharsets.UTF_8)), requestPath).build();
    }
}
