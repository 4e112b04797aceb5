package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.opencpm.distribution.RunningServer;

/**
 * The web foundation in a real Chromium against the real distribution: the landing page and the
 * admin console's sign-in (a good key signs in, a bad key gets a clear error, the API refuses the
 * session's cookie without its CSRF token, sign-out ends the session), in Chinese and English, on a
 * desktop and a phone, with a screenshot of each state and an axe-core check of each page.
 */
class WebFoundationBrowserIT {

    private static final String ADMIN_KEY = "web-foundation-admin-key-0123456789";

    @TempDir
    static Path work;
    private static RunningServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY).start();
        base = "http://127.0.0.1:" + server.port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("landing", "OpenCPM 同意与偏好管理", "admin", "管理控制台", "badKey", "密钥无效", "role", "管理员",
                    "signIn", "登录"),
            "en", Map.of("landing", "OpenCPM Consent and Preference Management", "admin", "Admin console",
                    "badKey", "not known", "role", "Administrator", "signIn", "Sign in"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    void landing_page_and_admin_sign_in(String viewport, String lang) {
        Map<String, String> text = TEXT.get(lang);
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            // the landing page, in the browser's own language (no ?lang=)
            b.open(base + "/");
            b.waitText(By.tagName("h1"), text.get("landing"));
            assertThat(b.script("return document.documentElement.lang")).isEqualTo(lang);
            assertThat(b.find(By.id("link-admin")).getAttribute("href")).endsWith("/admin/");
            b.screenshot("landing");
            b.assertAccessible();

            // the admin console: a bad key is refused with a clear message, and kept nowhere
            b.open(base + "/admin/");
            b.waitText(By.tagName("h1"), text.get("admin"));
            b.screenshot("admin-signin");
            b.assertAccessible();
            b.type(By.id("signin-key"), "not-a-real-key-0123456789abcdef").click(By.cssSelector("#signin button[type=submit]"));
            b.waitText(By.id("signin-error"), text.get("badKey"));
            assertThat(b.find(By.id("signin-key")).getAttribute("value")).isEmpty();
            b.screenshot("admin-signin-error");
            b.assertAccessible();

            // a good key signs in: the session is a cookie no script can read, plus a CSRF token
            b.type(By.id("signin-key"), ADMIN_KEY).click(By.cssSelector("#signin button[type=submit]"));
            b.waitVisible(By.id("session"));
            b.waitText(By.id("session-roles"), text.get("role"));
            assertThat(b.find(By.id("signin")).isDisplayed()).isFalse();
            assertThat((String) b.script("return document.cookie")).doesNotContain("opencpm_session");
            assertThat((String) b.script("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)")).doesNotContain(ADMIN_KEY);
            b.screenshot("admin-signed-in");
            b.assertAccessible();

            // the API: the cookie alone is refused (403 problem), with the token it acts as the key
            Map<?, ?> noCsrf = fetch(b, "/api/v1/purposes", false);
            assertThat(noCsrf.get("status")).isEqualTo(403L);
            assertThat((String) noCsrf.get("type")).startsWith("application/problem+json");
            assertThat((String) noCsrf.get("body")).contains("csrf-token-invalid");
            assertThat(fetch(b, "/api/v1/purposes", true).get("status")).isEqualTo(200L);

            // sign-out ends the session on the server
            b.click(By.id("signout"));
            b.waitVisible(By.id("signin"));
            assertThat(fetch(b, "/api/v1/purposes", true).get("status")).isEqualTo(401L);
        }
    }

    /** A fetch from the page, with the session cookie, and with the stored CSRF token when {@code csrf}. */
    private static Map<?, ?> fetch(Browser b, String path, boolean csrf) {
        return (Map<?, ?>) b.asyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = { Accept: 'application/json' };
                const token = sessionStorage.getItem('opencpm.csrf');
                if (arguments[1] && token) headers['X-CSRF-Token'] = token;
                fetch(arguments[0], { credentials: 'same-origin', headers })
                  .then(async r => done({ status: r.status, type: r.headers.get('Content-Type') || '', body: await r.text() }))
                  .catch(e => done({ status: -1, type: '', body: String(e) }));
                """, path, csrf);
    }
}
