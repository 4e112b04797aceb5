package org.opencpm.plugins.wechat;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * The HTTP calls to WeChat's API ({@code baseUrl}, https://api.weixin.qq.com in production), one
 * method per endpoint the connector uses. Every call answers WeChat's JSON as it came, errcode
 * included: what an errcode means is {@link Errcodes}' job.
 *
 * <p>The access token and the app secret travel in the query string, as WeChat wants them, so no
 * exception thrown here ever carries a URL or a cause's message (which may quote one): only the
 * endpoint's name, the HTTP status, the kind of I/O failure. An HTTP status that is not 2xx is read
 * the way the host reads one (4xx but 408, 425 and 429 is for good, the rest passes, a
 * {@code Retry-After} in seconds is honoured) — here rather than by the host because one message
 * makes several calls and the host's {@code HttpOperationFailedException} message would quote the
 * URL with the token.
 */
final class WeChatApi {

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;

    WeChatApi(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…} → {@code {access_token, expires_in}}. */
    JsonObject token(String appId, String appSecret) {
        return send("token", HttpRequest.newBuilder(uri("/cgi-bin/token?grant_type=client_credential&appid=" + encode(appId)
                + "&secret=" + encode(appSecret))).GET());
    }

    /**
     * {@code POST /cgi-bin/stable_token {"grant_type":"client_credential","appid":…,"secret":…,"force_refresh":false}}
     * → {@code {access_token, expires_in}}: the token every caller of the app shares until it expires,
     * so that taking one invalidates no other server's.
     */
    JsonObject stableToken(String appId, String appSecret) {
        String body = Json.createObjectBuilder().add("grant_type", "client_credential").add("appid", appId).add("secret", appSecret)
                .add("force_refresh", false).build().toString();
        return send("stable_token", HttpRequest.newBuilder(uri("/cgi-bin/stable_token"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** {@code POST /cgi-bin/tags/create {"tag":{"name":…}}} → {@code {"tag":{"id":…,"name":…}}}. */
    JsonObject createTag(String accessToken, String name) {
        String body = Json.createObjectBuilder().add("tag", Json.createObjectBuilder().add("name", name)).build().toString();
        return post("tags/create", "/cgi-bin/tags/create", accessToken, body);
    }

    /** {@code GET /cgi-bin/tags/get} → {@code {"tags":[{"id":…,"name":…,"count":…}…]}}: every tag of the account. */
    JsonObject tags(String accessToken) {
        return send("tags/get", HttpRequest.newBuilder(uri("/cgi-bin/tags/get?access_token=" + encode(accessToken))).GET());
    }

    /**
     * {@code POST /cgi-bin/tags/members/batchtagging} (or {@code batchuntagging})
     * {@code {"openid_list":[…],"tagid":N}}: at most {@value TagSync#MAX_OPENIDS} openids per call.
     */
    JsonObject members(String accessToken, boolean tagging, int tagId, Iterable<String> openids) {
        var list = Json.createArrayBuilder();
        openids.forEach(list::add);
        String body = Json.createObjectBuilder().add("openid_list", list).add("tagid", tagId).build().toString();
        String action = tagging ? "batchtagging" : "batchuntagging";
        return post("tags/members/" + action, "/cgi-bin/tags/members/" + action, accessToken, body);
    }

    private JsonObject post(String name, String path, String accessToken, String json) {
        return send(name, HttpRequest.newBuilder(uri(path + "?access_token=" + encode(accessToken)))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private JsonObject send(String name, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The message of an I/O failure may quote the request: its kind says enough.
            throw new RetryableDeliveryException("WeChat " + name + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableDeliveryException("interrupted while calling WeChat " + name);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String reason = "HTTP " + status + " from WeChat " + name;
            if (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429) {
                throw new PermanentDeliveryException(reason);
            }
            throw new RetryableDeliveryException(reason, retryAfter(response));
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT; // no errcode: success, as WeChat's answers without one are
        }
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new RetryableDeliveryException("WeChat " + name + " answered HTTP " + status + " with something that is no JSON object");
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException notSeconds) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
