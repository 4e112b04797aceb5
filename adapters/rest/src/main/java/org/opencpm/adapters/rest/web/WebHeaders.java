package org.opencpm.adapters.rest.web;

import jakarta.ws.rs.core.Response;

/**
 * The security headers of the web pages. The pages carry no inline script or style, so the
 * Content-Security-Policy allows this origin only, and no page may be framed (clickjacking a
 * withdraw or sign-in button). The consent SDK, {@code /sdk/opencpm.js}, is the exception: brand
 * pages load it from another origin, so it carries no CSP (a CSP on a script governs nothing) and
 * {@code Cross-Origin-Resource-Policy: cross-origin}. {@code X-Content-Type-Options: nosniff} is
 * set by the server for every answer already.
 */
final class WebHeaders {

    /** The policy of every page. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Loaded by brand pages on other origins. */
    static final String SDK = "sdk/opencpm.js";

    private WebHeaders() {
    }

    static Response.ResponseBuilder apply(Response.ResponseBuilder answer, String requestPath) {
        answer.header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff");
        if (requestPath.equals(SDK)) {
            return answer.header("Cross-Origin-Resource-Policy", "cross-origin");
        }
        return answer.header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Resource-Policy", "same-origin");
    }
}
