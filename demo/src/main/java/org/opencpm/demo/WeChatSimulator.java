package org.opencpm.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WeChat Official Account API as far as the wechat plugin calls it, checking what WeChat checks:
 * {@code GET /cgi-bin/token} hands an access token only for the right {@code appid} and
 * {@code secret}; the tag calls take only a token it issued and that has not expired (WeChat's
 * 40001 / 42001 otherwise) and only bodies of the documented shape ({@code openid_list} of 1–50
 * openids, {@code tagid} of an existing tag: 40032, 47001, 45159 otherwise). WeChat answers HTTP 200
 * whatever happened, with {@code errcode}. Shapes from
 * https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html and
 * .../Basic_Information/Get_access_token.html. Keeps each tag's members, so the page can show who is
 * in the marketing tag now.
 */
final class WeChatSimulator implements HttpHandler {

    static final String PLATFORM = "wechat";
    private static final Duration TOKEN_LIFE = Duration.ofSeconds(7200);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String appId;
    private final String appSecret;
    private final CallLog log;
    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<Integer, String> tagNames = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> members = new LinkedHashMap<>();
    private int nextTagId = 100;

    WeChatSimulator(String appId, String appSecret, CallLog log, Clock clock) {
        this.appId = appId;
        this.appSecret = appSecret;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = Exchanges.query(exchange);
            Optional<byte[]> body = Exchanges.body(exchange);
            if (body.isEmpty()) {
                Exchanges.json(exchange, 413, error(-1, "system error"));
                return;
            }
            JsonObject answer = switch (method + " " + path) {
                case "GET /cgi-bin/token" -> token(query);
                case "POST /cgi-bin/tags/create" -> authorised(query, "tag.create", () -> create(body.get()));
                case "GET /cgi-bin/tags/get" -> authorised(query, "tags.get", this::list);
                case "POST /cgi-bin/tags/members/batchtagging" -> authorised(query, "tag.add", () -> members(body.get(), true));
                case "POST /cgi-bin/tags/members/batchuntagging" -> authorised(query, "tag.remove", () -> members(body.get(), false));
                default -> {
                    log.refusedUnauthenticated(PLATFORM, "unknown", Map.of("path", path), "40066");
                    yield error(40066, "invalid url");
                }
            };
            Exchanges.json(exchange, 200, answer);
        }
    }

    private JsonObject token(Map<String, String> query) {
        if (!"client_credential".equals(query.get("grant_type"))) {
            return unauthenticated("token", 40002, "invalid grant_type");
        }
        if (!appId.equals(query.get("appid"))) {
            return unauthenticated("token", 40013, "invalid appid");
        }
        if (!appSecret.equals(query.get("secret"))) {
            return unauthenticated("token", 40125, "invalid appsecret");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = "sim-" + HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> expiry.isBefore(now)); // expired tokens go, or each token call grows the map
        tokens.put(token, now.plus(TOKEN_LIFE));
        log.accepted(PLATFORM, "token", List.of(), Map.of());
        return Json.createObjectBuilder().add("access_token", token).add("expires_in", TOKEN_LIFE.toSeconds()).build();
    }

    private interface Call {
        JsonObject answer();
    }

    /** The call's answer when its {@code access_token} is one this simulator issued and did not expire. */
    private JsonObject authorised(Map<String, String> query, String kind, Call call) {
        String token = query.get("access_token");
        Instant expires = token == null ? null : tokens.get(token);
        if (expires == null) {
            return unauthenticated(kind, 40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!clock.instant().isBefore(expires)) {
            return unauthenticated(kind, 42001, "access_token expired");
        }
        synchronized (this) {
            return call.answer();
        }
    }

    private JsonObject create(byte[] body) {
        Optional<String> name = Exchanges.jsonObject(body).filter(b -> b.size() == 1).map(b -> b.get("tag"))
                .filter(t -> t instanceof JsonObject o && o.size() == 1 && o.get("name") instanceof JsonString)
                .map(t -> t.asJsonObject().getString("name"));
        if (name.isEmpty() || name.get().isEmpty()) {
            return refused("tag.create", Map.of(), 47001, "data format error");
        }
        if (name.get().length() > 30) {
            return refused("tag.create", Map.of(), 45158, "tag name too long");
        }
        if (tagNames.containsValue(name.get())) {
            return refused("tag.create", Map.of("tag", name.get()), 45157, "invalid tag name");
        }
        int id = nextTagId++;
        tagNames.put(id, name.get());
        members.put(id, new LinkedHashSet<>());
        log.accepted(PLATFORM, "tag.create", List.of(), Map.of("tag", name.get(), "tagId", Integer.toString(id)));
        return Json.createObjectBuilder().add("tag", Json.createObjectBuilder().add("id", id).add("name", name.get())).build();
    }

    private JsonObject list() {
        JsonArrayBuilder tags = Json.createArrayBuilder();
        tagNames.forEach((id, name) -> tags.add(Json.createObjectBuilder().add("id", id).add("name", name).add("count", members.get(id).size())));
        log.accepted(PLATFORM, "tags.get", List.of(), Map.of());
        return Json.createObjectBuilder().add("tags", tags).build();
    }

    private JsonObject members(byte[] body, boolean tagging) {
        String kind = tagging ? "tag.add" : "tag.remove";
        Optional<JsonObject> json = Exchanges.jsonObject(body);
        if (json.isEmpty() || !(json.get().get("tagid") instanceof JsonNumber tagId) || !tagId.isIntegral()
                || !(json.get().get("openid_list") instanceof jakarta.json.JsonArray list) || json.get().size() != 2) {
            return refused(kind, Map.of(), 47001, "data format error");
        }
        List<String> openids = new ArrayList<>();
        for (JsonValue value : list) {
            if (!(value instanceof JsonString openid) || openid.getString().isEmpty()) {
                return refused(kind, Map.of(), 40003, "invalid openid");
            }
            openids.add(openid.getString());
        }
        if (openids.isEmpty() || openids.size() > 50) {
            return refused(kind, Map.of(), 40032, "invalid openid_list size");
        }
        Set<String> tagged = members.get(tagId.intValue());
        if (tagged == null) {
            return refused(kind, Map.of("tagId", tagId.toString()), 45159, "invalid tag id");
        }
        if (tagging) {
            tagged.addAll(openids);
        } else {
            openids.forEach(tagged::remove);
        }
        log.accepted(PLATFORM, kind, openids, Map.of("tag", tagNames.get(tagId.intValue()), "members", Integer.toString(tagged.size())));
        return error(0, "ok");
    }

    private JsonObject refused(String kind, Map<String, String> details, int errcode, String errmsg) {
        log.refused(PLATFORM, kind, List.of(), details, Integer.toString(errcode));
        return error(errcode, errmsg);
    }

    /** A refusal before the caller proved who it is (no valid secret or token): logged apart, see {@link CallLog}. */
    private JsonObject unauthenticated(String kind, int errcode, String errmsg) {
        log.refusedUnauthenticated(PLATFORM, kind, Map.of(), Integer.toString(errcode));
        return error(errcode, errmsg);
    }

    private static JsonObject error(int errcode, String errmsg) {
        return Json.createObjectBuilder().add("errcode", errcode).add("errmsg", errmsg).build();
    }

    /** Each tag's name and its members now (openids), for the page. */
    synchronized Map<String, List<String>> tags() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tagNames.forEach((id, name) -> out.put(name, List.copyOf(members.get(id))));
        return out;
    }
}
