package org.opencpm.adapters.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.ConsoleSessionsUseCase;
import org.opencpm.application.port.in.ConsoleSessionsUseCase.SessionCheck;

/**
 * An {@code /api} request made by a console page (ADR 0021): no {@code Authorization} header, the
 * {@value #COOKIE} cookie, and the session's CSRF token in {@value #CSRF_HEADER}. The cookie is
 * {@code SameSite=Strict} and the token is something another site's page cannot read or send, so
 * a forged cross-site request fails twice over; every method needs the token, reads too (a read of
 * consent data is worth forging as much as a write). The request then acts as the session's key,
 * whose roles the resources check as for a Bearer key.
 */
@ApplicationScoped
public class ConsoleSessionAuthentication {

    /** The session cookie's name. */
    public static final String COOKIE = "opencpm_session";
    /** The header that carries the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The request property holding the session id of a request signed in by a session (for sign-out). */
    public static final String SESSION_PROPERTY = "org.opencpm.console-session";
    /** The authentication scheme of a request signed in by a session. */
    public static final String SCHEME = "Session";

    private final ConsoleSessionsUseCase sessions;
    /** Whether the operator's public address is https: TLS ends at a proxy, and the browser speaks https. */
    private final boolean publicHttps;

    /**
     * @param publicUrl {@code opencpm.public-url}: behind a proxy that terminates TLS this server sees
     *                  plain HTTP, so the cookie is marked {@code Secure} when the address people use
     *                  is https, not only when the request itself came over TLS
     */
    @Inject
    public ConsoleSessionAuthentication(ConsoleSessionsUseCase sessions,
                                        @ConfigProperty(name = "opencpm.public-url") Optional<String> publicUrl) {
        this.sessions = sessions;
        this.publicHttps = publicUrl.map(String::strip).map(url -> url.regionMatches(true, 0, "https://", 0, 8)).orElse(false);
    }

    /** For CDI's proxy. */
    protected ConsoleSessionAuthentication() {
        this.sessions = null;
        this.publicHttps = false;
    }

    /** Whether a cookie set in answer to a request must be {@code Secure}: the request came over TLS, or people reach this server by https. */
    public boolean secure(boolean requestSecure) {
        return requestSecure || publicHttps;
    }

    /** The session cookie of a request, when it has one. */
    public static Optional<String> sessionCookie(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /** Signs the request in as the session's key, or aborts it: 401 for an unknown or ended session, 403 for a missing or wrong CSRF token. */
    public void authenticate(ContainerRequestContext request, String sessionId) {
        String csrf = request.getHeaderString(CSRF_HEADER);
        switch (sessions.check(sessionId, csrf)) {
            case SessionCheck.Valid valid -> {
                request.setProperty(SESSION_PROPERTY, sessionId);
                request.setSecurityContext(new ApiKeyPrincipal(valid.principal()).asContext(request.getSecurityContext().isSecure(), SCHEME));
            }
            case SessionCheck.CsrfMismatch mismatch -> request.abortWith(Problem.response(403, "csrf-token-invalid", csrf == null
                    ? "a request with the console session cookie must carry the session's CSRF token in " + CSRF_HEADER
                    : "the " + CSRF_HEADER + " header is not this console session's token"));
            case SessionCheck.Unknown unknown -> request.abortWith(Response.fromResponse(Problem.response(401, "session-invalid",
                            "the console session is not known or has ended; sign in again"))
                    .header("Set-Cookie", expiredCookie(secure(request.getSecurityContext().isSecure()))).build());
        }
    }

    /**
     * A {@code Set-Cookie} value carrying a session id to the browser: never readable by scripts,
     * never sent cross-site, and gone when the browser closes (no {@code Max-Age}; the server ends
     * the session by its own clock anyway).
     */
    public static String cookie(String sessionId, boolean secure) {
        return COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** A {@code Set-Cookie} value that makes the browser forget the session cookie. */
    public static String expiredCookie(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
