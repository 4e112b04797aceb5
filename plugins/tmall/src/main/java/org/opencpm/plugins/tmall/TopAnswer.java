package org.opencpm.plugins.tmall;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What TOP's HTTP 200 answer means. TOP answers every call with 200; an error is
 * {@code {"error_response":{"code","msg","sub_code","sub_msg"}}} (its error-code guide: codes under
 * 100 are the platform's, a {@code sub_code} starting {@code isp.} is the service's own trouble and
 * "retry after a while", one starting {@code isv.} is the caller's mistake). Read here once, for
 * both the route (which throws to have a call retried) and the connector's answer mapping (which
 * makes a refusal a dead letter with its reason).
 *
 * <p>A reason never carries {@code sub_msg}: TOP may repeat a parameter there (an ouid), and reasons
 * are shown to operators and stored. The code, {@code msg} and {@code sub_code} are TOP's fixed words.
 */
sealed interface TopAnswer {

    /** The call went through. */
    record Accepted() implements TopAnswer {
    }

    /** TOP could not take the call now: try again, {@code after} that long when TOP said how long. */
    record Busy(String reason, Optional<Duration> after) implements TopAnswer {
    }

    /**
     * TOP took the call and changed nothing ({@code is_success=false}): the member already was where
     * the change puts them (TOP skips a member already in the group, and may say so this way), or is
     * no member of the shop. Settled, neither retried nor dead: sending it again would change nothing.
     */
    record Unchanged(String reason) implements TopAnswer {
    }

    /** TOP refused the call for good (until an operator changes something): a dead letter. */
    record Refused(String reason) implements TopAnswer {
    }

    /** Codes 4–8: user, session, partner or app call limits (7, App Call Limited, is the one TOP still sends). */
    Set<Integer> CALL_LIMITS = Set.of(4, 5, 6, 7, 8);
    /** 10: Service Currently Unavailable. */
    int SERVICE_UNAVAILABLE = 10;
    int INSUFFICIENT_ISV_PERMISSIONS = 11;
    int INSUFFICIENT_USER_PERMISSIONS = 12;
    int INVALID_SIGNATURE = 25;
    int MISSING_SESSION = 26;
    int INVALID_SESSION = 27;
    int INVALID_APP_KEY = 29;
    /** The app's daily call quota, counted in Beijing time: it opens again at the next 00:00 GMT+8. */
    String DAILY_QUOTA = "accesscontrol.limited-by-app-access-count";

    /** "This ban will last for 3 more seconds", as TOP writes it in a call-limit answer. */
    Pattern BAN = Pattern.compile("last for (\\d{1,6}) more seconds?");

    /** What {@code body}, a 2xx answer of TOP, means at {@code now}. */
    static TopAnswer of(String body, Instant now) {
        if (body == null || body.isBlank()) {
            return new Accepted(); // nothing that says otherwise
        }
        JsonObject answer;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            answer = reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException notJson) {
            return new Busy("TOP answered with a body that is no JSON object (a proxy's page?)", Optional.empty());
        }
        JsonObject error = answer.get("error_response") instanceof JsonObject e ? e : null;
        if (error != null) {
            return error(error, now);
        }
        for (JsonValue value : answer.values()) {
            if (value instanceof JsonObject response && response.get("is_success") == JsonValue.FALSE) {
                return new Unchanged("TOP changed nothing (is_success=false): the member already was in that state, or is no member of the shop");
            }
        }
        return new Accepted();
    }

    private static TopAnswer error(JsonObject error, Instant now) {
        int code = number(error.get("code"));
        String subCode = text(error.get("sub_code"));
        String said = "TOP error " + code + " (" + text(error.get("msg")) + (subCode.isEmpty() ? "" : ", " + subCode) + ")";
        if (CALL_LIMITS.contains(code) || subCode.startsWith("accesscontrol.")) {
            return new Busy(said + ": a call limit; retried after the ban", banLength(error, subCode, now));
        }
        if (code == SERVICE_UNAVAILABLE || subCode.startsWith("isp.")) {
            return new Busy(said + ": TOP's own trouble; retried", Optional.empty());
        }
        return new Refused(said + advice(code));
    }

    private static String advice(int code) {
        return switch (code) {
            case MISSING_SESSION, INVALID_SESSION -> ": the seller's session key is missing, invalid or expired; have the seller"
                    + " authorise the app again, put the new key in 'session', reload the plugin and replay the dead letters";
            case INVALID_SIGNATURE -> ": the signature does not match; check 'appSecret' and 'signMethod'";
            case INVALID_APP_KEY -> ": check 'appKey' (a sandbox key does not work on the production gateway, nor the reverse)";
            case INSUFFICIENT_ISV_PERMISSIONS, INSUFFICIENT_USER_PERMISSIONS -> ": the app or the seller lacks the permission"
                    + " for this API; apply for it in the TOP console, then replay the dead letters";
            default -> "";
        };
    }

    /** How long TOP said the ban lasts; for the daily quota, until the next 00:00 in Beijing. */
    private static Optional<Duration> banLength(JsonObject error, String subCode, Instant now) {
        for (String said : new String[] {text(error.get("sub_msg")), text(error.get("msg"))}) {
            Matcher ban = BAN.matcher(said);
            if (ban.find()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(ban.group(1))));
            }
        }
        if (subCode.equals(DAILY_QUOTA)) {
            Instant midnight = LocalDate.ofInstant(now, TopRequests.BEIJING).plusDays(1).atStartOfDay(TopRequests.BEIJING).toInstant();
            return Optional.of(Duration.between(now, midnight));
        }
        return Optional.empty();
    }

    private static int number(JsonValue value) {
        if (value instanceof jakarta.json.JsonNumber number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(text(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value instanceof jakarta.json.JsonString string ? string.getString() : value.toString();
    }
}
