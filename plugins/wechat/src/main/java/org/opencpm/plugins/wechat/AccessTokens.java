package org.opencpm.plugins.wechat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * The access token every call but the token request needs, shared by the connector's sender
 * threads; it comes from {@code /cgi-bin/token} or, with {@code tokenApi=stable}, from
 * {@code /cgi-bin/stable_token}. It is fetched when first needed, kept until {@link #MARGIN} before it expires
 * ({@code expires_in}, 7200 s today), and fetched again once when a call answers a token errcode
 * (40001, 40014, 42001: another server took a new token for the same app, or WeChat revoked it),
 * after which the call is made again. Refreshes are serialised: threads that saw the same stale
 * token wait for one refresh and share its result, so a burst of token errors costs one token
 * request, whose daily quota is small (2000).
 *
 * <p>The token is never logged and never part of an exception message ({@link WeChatApi}).
 */
final class AccessTokens {

    /** How long before its expiry a token is replaced, so that no call goes out with one about to lapse. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final Supplier<JsonObject> fetch;
    private final Clock clock;
    private volatile Token current;

    private record Token(String value, Instant refreshAt) {
    }

    /** @param fetch WeChat's answer to a token request: {@code /cgi-bin/token} or {@code /cgi-bin/stable_token} */
    AccessTokens(Supplier<JsonObject> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * Makes {@code call} with the current token and, when WeChat refuses the token, once more with
     * a fresh one. Answers WeChat's answer to the last call made, whatever its errcode.
     */
    JsonObject call(Function<String, JsonObject> call) {
        String token = token();
        JsonObject answer = call.apply(token);
        if (Errcodes.TOKEN.contains(Errcodes.of(answer))) {
            answer = call.apply(refreshAfter(token));
        }
        return answer;
    }

    private String token() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        return refreshAfter(token == null ? null : token.value());
    }

    /** A token other than {@code stale}: the one another thread just fetched, or a new one. */
    private synchronized String refreshAfter(String stale) {
        Token token = current;
        if (token != null && !token.value().equals(stale) && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        JsonObject answer = Errcodes.checkToken(fetch.get());
        if (!(answer.get("access_token") instanceof JsonString value) || value.getString().isBlank()
                || !(answer.get("expires_in") instanceof JsonNumber expiresIn) || expiresIn.longValue() < 1) {
            // a lifetime of nothing would fetch a token on every call and spend the daily token quota
            throw new RetryableDeliveryException("WeChat token answered without access_token or a positive expires_in");
        }
        Duration lifetime = Duration.ofSeconds(expiresIn.longValue());
        // A token shorter-lived than twice the margin is kept for half its life.
        Duration keep = lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2);
        current = new Token(value.getString(), clock.instant().plus(keep));
        return value.getString();
    }
}
