package org.opencpm.plugins.douyin;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * Ocean Engine's answer to a call: HTTP 200 with {@code {code, message, request_id, data}}, where
 * {@code code} 0 is success and anything else an error the HTTP status does not show. What each
 * code means for a delivery is decided here, once:
 * <ul>
 * <li>40100 and 40110 (too many requests): try again later;</li>
 * <li>40102–40105 (access token expired, missing or invalid): {@link #tokenRejected()} — refresh it
 *     and call again;</li>
 * <li>other 4xxxx (a parameter, a permission, a data source that is not there): permanent;</li>
 * <li>5xxxx and anything else (the platform's own failure): try again later.</li>
 * </ul>
 * An answer without a code (an empty 200) is taken at its HTTP status: the platform always sends
 * one, and a proxy's bare 200 is no refusal.
 */
record PlatformReply(Optional<Long> code, String message, String requestId, JsonObject data) {

    private static final Set<Long> RATE_LIMITED = Set.of(40100L, 40110L);
    private static final Set<Long> TOKEN_REJECTED = Set.of(40102L, 40103L, 40104L, 40105L);

    static PlatformReply parse(String body) {
        if (body == null || body.isBlank()) {
            return new PlatformReply(Optional.empty(), "", "", JsonValue.EMPTY_JSON_OBJECT);
        }
        JsonObject json;
        try {
            json = Json.createReader(new StringReader(body)).readObject();
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            throw new RetryableDeliveryException("Ocean Engine answered something other than its JSON answer");
        }
        Optional<Long> code = json.get("code") instanceof JsonNumber number ? Optional.of(number.longValue()) : Optional.empty();
        JsonObject data = json.get("data") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return new PlatformReply(code, text(json, "message"), text(json, "request_id"), data);
    }

    private static String text(JsonObject json, String key) {
        return json.get(key) instanceof JsonString string ? string.getString() : "";
    }

    /** Whether the platform refused the access token (expired, missing or invalid). */
    boolean tokenRejected() {
        return code.filter(TOKEN_REJECTED::contains).isPresent();
    }

    /**
     * This reply, if the call succeeded; otherwise the exception that says what the failure means
     * for the delivery. {@code call} names the call in the reason ("the data-source update"); the
     * reason carries the code, the platform's message and its request id (for Ocean Engine's
     * support), never a token: those travel in a header, never in an answer.
     */
    PlatformReply requireSuccess(String call) {
        if (code.isEmpty() || code.get() == 0) {
            return this;
        }
        long value = code.get();
        String reason = "Ocean Engine refused " + call + ": code " + value + " (" + shorten(message) + ")"
                + (requestId.isEmpty() ? "" : ", request_id " + requestId);
        if (RATE_LIMITED.contains(value) || value >= 50_000 || value < 40_000) {
            throw new RetryableDeliveryException(reason);
        }
        throw new PermanentDeliveryException(reason);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
