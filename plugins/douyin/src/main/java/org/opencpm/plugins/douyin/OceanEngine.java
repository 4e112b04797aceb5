package org.opencpm.plugins.douyin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * The calls of Ocean Engine's open API the connector makes, through the host's Camel HTTP
 * component (so a non-2xx answer reaches the host as Camel's HTTP failure, read the host's way:
 * 4xx dead, 429 and 5xx retried after their {@code Retry-After}). Each call's answer is read by
 * {@link PlatformReply}; a rejected access token is refreshed once and the call made again.
 */
final class OceanEngine {

    /** The data-source operations of {@code /open_api/2/dmp/data_source/update/}. */
    enum Operation {
        ADD(1), DELETE(2), RESET(3);

        final int code;

        Operation(int code) {
            this.code = code;
        }
    }

    static final String UPLOAD = "/open_api/2/dmp/data_source/file/upload/";
    static final String UPDATE = "/open_api/2/dmp/data_source/update/";
    /**
     * Every call is bounded: a platform that does not connect or answer in time fails the call
     * (and the host retries it) rather than holding a sender, or the token refresh every sender waits on.
     */
    static final String TIMEOUTS = "?connectTimeout=10000&connectionRequestTimeout=10000&responseTimeout=60000";
    static final String PUBLISH = "/open_api/2/dmp/custom_audience/publish/";
    static final String REFRESH = "/open_api/oauth2/refresh_token/";
    static final String ACCESS_TOKEN = "Access-Token";
    /** The most {@code file_paths} one data-source update takes. */
    static final int MAX_FILES_PER_UPDATE = 1000;
    /** {@code data_format} 0: protocol buffers; {@code file_storage_type} 0: files uploaded through the API. */
    private static final int PROTOBUF = 0;
    private static final int UPLOADED_THROUGH_API = 0;

    private final ProducerTemplate http;
    private final String baseUrl;
    private final String advertiserId;
    private final String appId;
    private final String appSecret;
    private final AccessTokens tokens;

    OceanEngine(ProducerTemplate http, String baseUrl, String advertiserId, String appId, String appSecret, AccessTokens tokens) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.advertiserId = advertiserId;
        this.appId = appId;
        this.appSecret = appSecret;
        this.tokens = tokens;
    }

    /** Uploads {@code file}; answers its {@code file_path}, valid for 14 days. */
    String upload(AudienceFile file) throws Exception {
        Multipart form = new Multipart().field("advertiser_id", advertiserId).field("file_signature", file.md5())
                .file("file", "opencpm-dmp.zip", "application/zip", file.zip());
        PlatformReply reply = authorised(UPLOAD, form.contentType(), form.bytes(), "the data-source file upload");
        String path = reply.data().getString("file_path", "");
        if (path.isEmpty()) {
            throw new RetryableDeliveryException("Ocean Engine's answer to the data-source file upload has no data.file_path"
                    + (reply.requestId().isEmpty() ? "" : " (request_id " + reply.requestId() + ")"));
        }
        return path;
    }

    /** Applies the uploaded files at {@code filePaths} to data source {@code dataSourceId}. */
    void update(String dataSourceId, Operation operation, List<String> filePaths) throws Exception {
        JsonObject body = Json.createObjectBuilder().add("advertiser_id", Long.parseLong(advertiserId)).add("data_source_id", dataSourceId)
                .add("operation_type", operation.code).add("data_format", PROTOBUF).add("file_storage_type", UPLOADED_THROUGH_API)
                .add("file_paths", Json.createArrayBuilder(filePaths)).build();
        authorised(UPDATE, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), "the data-source update");
    }

    /** Publishes custom audience {@code customAudienceId} again, so that it takes its data source's updates. */
    void publish(String customAudienceId) throws Exception {
        JsonObject body = Json.createObjectBuilder().add("advertiser_id", Long.parseLong(advertiserId))
                .add("custom_audience_id", Long.parseLong(customAudienceId)).build();
        authorised(PUBLISH, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), "the custom audience publish");
    }

    private PlatformReply authorised(String path, String contentType, byte[] body, String call) throws Exception {
        String token = tokens.accessToken();
        PlatformReply reply = post(path, contentType, body, token);
        if (reply.tokenRejected()) {
            reply = post(path, contentType, body, tokens.replace(token, this::refresh));
        }
        return reply.requireSuccess(call);
    }

    /** A new token pair for {@code stale}, from {@code /open_api/oauth2/refresh_token/}. */
    private AccessTokens.Pair refresh(AccessTokens.Pair stale) {
        JsonObject body = Json.createObjectBuilder().add("app_id", Long.parseLong(appId)).add("secret", appSecret)
                .add("grant_type", "refresh_token").add("refresh_token", stale.refreshToken()).build();
        PlatformReply reply;
        try {
            reply = post(REFRESH, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // The HTTP failure stays the cause: the host reads its status (5xx and 429 retried, 4xx dead).
            throw new IllegalStateException("the access-token refresh failed", e);
        }
        if (reply.code().filter(code -> code != 0).isPresent()) {
            throw new PermanentDeliveryException("Ocean Engine refused to refresh the access token: code " + reply.code().get()
                    + " (" + reply.message() + "); authorise the app again, set accessToken and refreshToken, reload the"
                    + " connector and replay its dead letters");
        }
        String accessToken = reply.data().getString("access_token", "");
        String refreshToken = reply.data().getString("refresh_token", "");
        if (accessToken.isEmpty() || refreshToken.isEmpty()) {
            throw new RetryableDeliveryException("Ocean Engine's answer to the access-token refresh carries no token pair");
        }
        return new AccessTokens.Pair(accessToken, refreshToken);
    }

    private PlatformReply post(String path, String contentType, byte[] body, String token) throws Exception {
        Exchange sent = http.send(baseUrl + path + TIMEOUTS, exchange -> {
            Message in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, "POST");
            in.setHeader(Exchange.CONTENT_TYPE, contentType);
            if (token != null) {
                in.setHeader(ACCESS_TOKEN, token);
            }
            in.setBody(body);
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
        return PlatformReply.parse(sent.getMessage().getBody(String.class));
    }
}
