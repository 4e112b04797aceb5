package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The web pages as the browser gets them: the right file and type, an ETag that turns a second
 * load into a 304, the security headers (CSP self-only and unframeable, except the cross-origin
 * SDK), a redirect from a face to its folder, a small HTML 404 for what is not there, and no way
 * out of the web folder, to a hidden file or a listing; the API keeps answering as before.
 */
@HelidonTest
class WebPagesTest {

    @Inject
    WebTarget target;

    private Response get(String path) {
        return target.path(path).request().get();
    }

    @Test
    void the_landing_page_and_the_faces_are_served_with_their_types_and_security_headers() {
        for (String[] page : new String[][] {
                {"", "text/html", "/admin/"}, {"admin/", "text/html", "signin-key"}, {"store/", "text/html", "signin-key"},
                {"preference-center/", "text/html", "preference-center.js"}, {"assets/opencpm.css", "text/css", "--brand"},
                {"assets/i18n.js", "text/javascript", "export function t("}, {"assets/api.js", "text/javascript", "X-CSRF-Token"},
                {"assets/signin.js", "text/javascript", "/api/v1/sessions"}, {"admin/admin.js", "text/javascript", "mountSignIn"}}) {
            Response r = get(page[0]);
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as(page[0]).isEqualTo(200);
            assertThat(r.getHeaderString("Content-Type")).as(page[0]).startsWith(page[1]);
            assertThat(body).as(page[0]).contains(page[2]);
            assertThat(r.getHeaderString("Content-Security-Policy")).as(page[0]).contains("default-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(r.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeaderString("ETag")).startsWith("\"");
            assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void pages_carry_no_inline_script_or_style() {
        for (String page : new String[] {"", "admin/", "store/", "preference-center/"}) {
            String html = get(page).readEntity(String.class);
            assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style").doesNotContain(" style=")
                    .doesNotContainPattern(" on[a-z]+=");
        }
    }

    @Test
    void the_sdk_may_be_loaded_from_other_origins() {
        Response r = get("sdk/opencpm.js");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeaderString("Content-Type")).startsWith("text/javascript");
        assertThat(r.getHeaderString("Content-Security-Policy")).isNull();
        assertThat(r.getHeaderString("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void an_unchanged_file_is_a_304_and_head_sends_no_body() {
        Response first = get("assets/opencpm.css");
        String etag = first.getHeaderString("ETag");
        Response again = target.path("assets/opencpm.css").request().header("If-None-Match", etag).get();
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(target.path("assets/opencpm.css").request().header("If-None-Match", "\"other\"").get().getStatus()).isEqualTo(200);

        Response head = target.path("admin/").request().head();
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.hasEntity()).isFalse();
    }

    @Test
    void a_face_without_its_slash_is_redirected_to_its_folder() {
        for (String face : new String[] {"admin", "store", "preference-center", "assets", "sdk"}) {
            Response r = target.path(face).request().property("jersey.config.client.followRedirects", false).get();
            assertThat(r.getStatus()).as(face).isEqualTo(301);
            assertThat(r.getHeaderString("Location")).as(face).endsWith("/" + face + "/");
        }
    }

    @Test
    void what_is_not_there_is_a_small_html_404_and_other_methods_are_refused() {
        for (String path : new String[] {"admin/nothing.html", "admin/nothing", "assets/", "sdk/", "assets/.hidden.css",
                "assets/opencpm.css.bak", "admin/admin", "store/a..b.js"}) {
            Response r = get(path);
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as(path).isEqualTo(404);
            assertThat(r.getHeaderString("Content-Type")).as(path).startsWith("text/html");
            assertThat(body).as(path).contains("404");
            assertThat(r.getHeaderString("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'");
        }
        for (String method : new String[] {"POST", "PUT"}) {
            Response r = target.path("admin/").request().method(method, Entity.text("x"));
            assertThat(r.getStatus()).as(method).isEqualTo(405);
        }
        assertThat(target.path("admin/").request().delete().getStatus()).isEqualTo(405);
    }

    @Test
    void no_path_leads_out_of_the_web_folder() throws IOException {
        for (String path : new String[] {"/admin/../../META-INF/beans.xml", "/admin/%2e%2e/%2e%2e/META-INF/beans.xml",
                "/assets/%2e%2e%2fweb%2findex.html", "/assets/..%5c..%5cMETA-INF%5cbeans.xml", "/admin/%2fetc%2fpasswd",
                "/assets//opencpm.css", "/admin/index.html%00.css", "/assets/opencpm.css;x=1",
                "/admin/org/opencpm/adapters/rest/web/WebResource.class"}) {
            String answer = raw(path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 5")
                    .doesNotContain("<beans").doesNotContain("root:");
        }
    }

    @Test
    void the_api_paths_answer_as_before() {
        Response r = get("api/v1/purposes");
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
        Response unknown = target.path("api/v1/no-such-thing").request().header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY).get();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getMediaType().toString()).isEqualTo("application/problem+json");
    }

    /** A request as sent, not as a client library would clean it up; the answer's head and body (by its Content-Length). */
    private String raw(String path) throws IOException {
        try (Socket socket = new Socket(target.getUri().getHost(), target.getUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return head.toString();
                }
                head.append((char) c);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }
}
