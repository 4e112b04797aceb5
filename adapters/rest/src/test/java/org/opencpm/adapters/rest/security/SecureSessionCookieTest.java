package org.opencpm.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The session cookie is {@code Secure} whenever the browser speaks https: over TLS to this server,
 * or to a proxy that terminates TLS (the set-up docs/security.md recommends), which the operator
 * says by an https {@code opencpm.public-url}. Otherwise a page lured onto plain http would send
 * the cookie in clear.
 */
class SecureSessionCookieTest {

    private static boolean secure(String publicUrl, boolean requestSecure) {
        return new ConsoleSessionAuthentication(null, Optional.ofNullable(publicUrl)).secure(requestSecure);
    }

    @Test
    void secure_over_tls_or_behind_an_https_public_address() {
        assertThat(secure(null, true)).isTrue();
        assertThat(secure("https://cpm.example.cn", false)).isTrue();
        assertThat(secure(" HTTPS://cpm.example.cn/ ", false)).isTrue();
        assertThat(ConsoleSessionAuthentication.cookie("s", secure("https://cpm.example.cn", false))).endsWith("; Secure");
    }

    @Test
    void not_secure_on_plain_http_with_no_https_address() {
        assertThat(secure(null, false)).isFalse();
        assertThat(secure("http://127.0.0.1:8080", false)).isFalse();
        assertThat(secure("httpsx", false)).isFalse();
        assertThat(ConsoleSessionAuthentication.cookie("s", false)).doesNotContain("Secure").contains("HttpOnly", "SameSite=Strict");
    }
}
