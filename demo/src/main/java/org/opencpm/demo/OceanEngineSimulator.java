package org.opencpm.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ocean Engine's (巨量引擎) DMP API as far as the douyin plugin calls it, checking what the platform
 * checks: every call carries the advertiser's current {@code Access-Token} (40102 otherwise, which
 * makes the plugin refresh it through {@code /open_api/oauth2/refresh_token/} with the app's id,
 * secret and refresh token; the pair rotates); an upload names the advertiser and carries the file's
 * MD5 as {@code file_signature} (recomputed here from the bytes received) and a file of the
 * documented format ({@link DmpFiles}); an update names the advertiser, the data source and files
 * uploaded before. Answers are HTTP 200 {@code {code, message, request_id, data}}, code 0 success.
 * Keeps the data source's members (phone hashes), so the page can show who is in the audience now.
 */
final class OceanEngineSimulator implements HttpHandler {

    static final String PLATFORM = "douyin";
    static final String UPLOAD = "/open_api/2/dmp/data_source/file/upload/";
    static final String UPDATE = "/open_api/2/dmp/data_source/update/";
    static final String PUBLISH = "/open_api/2/dmp/custom_audience/publish/";
    static final String REFRESH = "/open_api/oauth2/refresh_token/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String advertiserId;
    private final String dataSourceId;
    private final String appId;
    private final String appSecret;
    private final CallLog log;
    private String accessToken;
    private String refreshToken;
    private final Map<String, List<String>> files = new HashMap<>();
    private final Set<String> audience = new LinkedHashSet<>();
    private long requests;

    OceanEngineSimulator(DemoSecrets secrets, CallLog log) {
        this.advertiserId = secrets.douyinAdvertiserId();
        this.dataSourceId = secrets.douyinDataSourceId();
        this.appId = secrets.douyinAppId();
        this.appSecret = secrets.douyinAppSecret();
        this.accessToken = secrets.douyinAccessToken();
        this.refreshToken = secrets.douyinRefreshToken();
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<byte[]> body = Exchanges.body(exchange);
            if (body.isEmpty()) {
                Exchanges.json(exchange, 413, Json.createObjectBuilder().build());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            JsonObject answer;
            synchronized (this) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    answer = unauthenticated("unknown", Map.of("path", path), 40404, "not found");
                } else if (path.equals(REFRESH)) {
                    answer = refresh(body.get());
                } else if (!accessToken.equals(exchange.getRequestHeaders().getFirst("Access-Token"))) {
                    answer = unauthenticated(kindOf(path), Map.of(), 40102, "access token expired or invalid");
                } else {
                    answer = switch (path) {
                        case UPLOAD -> upload(exchange.getRequestHeaders().getFirst("Content-Type"), body.get());
                        case UPDATE -> update(body.get());
                        case PUBLISH -> publish(body.get());
                        default -> refused("unknown", Map.of("path", path), 40404, "not found");
                    };
                }
            }
            Exchanges.json(exchange, 200, answer);
        }
    }

    private static String kindOf(String path) {
        return switch (path) {
            case UPLOAD -> "dmp.upload";
            case UPDATE -> "dmp.update";
            case PUBLISH -> "audience.publish";
            default -> "unknown";
        };
    }

    private JsonObject upload(String contentType, byte[] body) {
        Optional<Map<String, byte[]>> parts = DmpFiles.parts(contentType, body);
        if (parts.isEmpty() || !parts.get().keySet().containsAll(List.of("advertiser_id", "file", "file_signature"))) {
            return refused("dmp.upload", Map.of(), 40001, "missing parameter: advertiser_id, file and file_signature are required");
        }
        if (!advertiserId.equals(text(parts.get().get("advertiser_id")))) {
            return refused("dmp.upload", Map.of(), 40002, "advertiser_id has no permission");
        }
        byte[] file = parts.get().get("file");
        if (!md5Hex(file).equals(text(parts.get().get("file_signature")))) {
            return refused("dmp.upload", Map.of(), 40002, "file_signature does not match the file");
        }
        List<String> hashes;
        try {
            hashes = DmpFiles.hashes(file);
        } catch (DmpFiles.Refused refused) {
            return refused("dmp.upload", Map.of(), 40002, refused.getMessage());
        }
        byte[] name = new byte[10];
        RANDOM.nextBytes(name);
        String filePath = "dmp/" + HexFormat.of().formatHex(name) + ".zip";
        files.put(filePath, hashes);
        log.accepted(PLATFORM, "dmp.upload", hashes, Map.of("ids", Integer.toString(hashes.size())));
        return ok(Json.createObjectBuilder().add("file_path", filePath).build());
    }

    private JsonObject update(byte[] body) {
        Optional<JsonObject> json = Exchanges.jsonObject(body);
        if (json.isEmpty() || !(json.get().get("operation_type") instanceof JsonNumber operation)
                || !(json.get().get("file_paths") instanceof jakarta.json.JsonArray paths)) {
            return refused("dmp.update", Map.of(), 40001, "missing parameter: operation_type and file_paths are required");
        }
        if (!(json.get().get("advertiser_id") instanceof JsonNumber advertiser) || !advertiserId.equals(advertiser.toString())) {
            return refused("dmp.update", Map.of(), 40002, "advertiser_id has no permission");
        }
        if (!(json.get().get("data_source_id") instanceof JsonString source) || !dataSourceId.equals(source.getString())) {
            return refused("dmp.update", Map.of(), 40002, "data_source_id does not exist");
        }
        if (json.get().getInt("data_format", -1) != 0 || json.get().getInt("file_storage_type", -1) != 0) {
            return refused("dmp.update", Map.of(), 40002, "data_format and file_storage_type must be 0");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue path : paths) {
            List<String> uploaded = path instanceof JsonString s ? files.get(s.getString()) : null;
            if (uploaded == null) {
                return refused("dmp.update", Map.of(), 40002, "file_paths: a file that was not uploaded");
            }
            ids.addAll(uploaded);
        }
        String kind;
        switch (operation.intValue()) {
            case 1 -> {
                audience.addAll(ids);
                kind = "dmp.add";
            }
            case 2 -> {
                ids.forEach(audience::remove);
                kind = "dmp.delete";
            }
            case 3 -> {
                audience.clear();
                audience.addAll(ids);
                kind = "dmp.reset";
            }
            default -> {
                return refused("dmp.update", Map.of(), 40002, "operation_type must be 1, 2 or 3");
            }
        }
        log.accepted(PLATFORM, kind, ids, Map.of("dataSource", dataSourceId, "members", Integer.toString(audience.size())));
        return ok(Json.createObjectBuilder().build());
    }

    private JsonObject publish(byte[] body) {
        Optional<JsonObject> json = Exchanges.jsonObject(body);
        if (json.isEmpty() || !(json.get().get("custom_audience_id") instanceof JsonNumber audienceId)) {
            return refused("audience.publish", Map.of(), 40001, "missing parameter: custom_audience_id");
        }
        log.accepted(PLATFORM, "audience.publish", List.of(), Map.of("audience", audienceId.toString()));
        return ok(Json.createObjectBuilder().build());
    }

    private JsonObject refresh(byte[] body) {
        Optional<JsonObject> json = Exchanges.jsonObject(body);
        boolean valid = json.isPresent() && json.get().get("app_id") instanceof JsonNumber app && appId.equals(app.toString())
                && appSecret.equals(json.get().getString("secret", null)) && "refresh_token".equals(json.get().getString("grant_type", null))
                && refreshToken.equals(json.get().getString("refresh_token", null));
        if (!valid) {
            return unauthenticated("token.refresh", Map.of(), 40107, "refresh_token is invalid");
        }
        accessToken = "sim-access-" + random();
        refreshToken = "sim-refresh-" + random();
        log.accepted(PLATFORM, "token.refresh", List.of(), Map.of());
        return ok(Json.createObjectBuilder().add("access_token", accessToken).add("expires_in", 86400)
                .add("refresh_token", refreshToken).add("refresh_token_expires_in", 2592000).build());
    }

    private JsonObject refused(String kind, Map<String, String> details, int code, String message) {
        log.refused(PLATFORM, kind, List.of(), details, Integer.toString(code));
        return error(code, message);
    }

    /** A refusal before the caller proved who it is (no current token, no valid refresh pair): logged apart, see {@link CallLog}. */
    private JsonObject unauthenticated(String kind, Map<String, String> details, int code, String message) {
        log.refusedUnauthenticated(PLATFORM, kind, details, Integer.toString(code));
        return error(code, message);
    }

    private JsonObject error(int code, String message) {
        return Json.createObjectBuilder().add("code", code).add("message", message).add("request_id", requestId())
                .add("data", JsonValue.EMPTY_JSON_OBJECT).build();
    }

    private JsonObject ok(JsonObject data) {
        return Json.createObjectBuilder().add("code", 0).add("message", "OK").add("request_id", requestId()).add("data", data).build();
    }

    private String requestId() {
        return "sim-" + ++requests;
    }

    /** The data source's members now (phone hashes), for the page. */
    synchronized List<String> audience() {
        return List.copyOf(audience);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
