package org.opencpm.plugins.douyin;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The access token every call carries, and its refresh. Ocean Engine's access tokens live a day;
 * a call the platform answers "token expired or invalid" has it refreshed once, through
 * {@code /open_api/oauth2/refresh_token/}, and is made again.
 *
 * <p>Concurrent senders share one refresh: the first to see a rejected token refreshes it, the
 * others find it already replaced and use the new one. Refresh tokens rotate — each refresh
 * returns a new one and the old one stops working — and a plugin cannot write its configuration,
 * so the new pair lives in this object's memory only. The log says when that happened (never the
 * tokens): the configured refresh token is then spent, and the operator must put a fresh pair in
 * the configuration before the next restart or reload.
 */
final class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    /** An access token and the refresh token that goes with it. Its {@link #toString()} shows neither. */
    record Pair(String accessToken, String refreshToken) {
        Pair {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }

        @Override
        public String toString() {
            return "AccessTokens.Pair[hidden]";
        }
    }

    private final String connectorId;
    private volatile Pair current;

    AccessTokens(String connectorId, Pair configured) {
        this.connectorId = connectorId;
        this.current = configured;
    }

    /** The access token to call with now. */
    String accessToken() {
        return current.accessToken();
    }

    /**
     * The access token to call with after the platform rejected {@code rejected}: refreshed through
     * {@code refresh} (given the current pair, answering the new one) unless another sender already
     * did so since.
     */
    synchronized String replace(String rejected, UnaryOperator<Pair> refresh) {
        if (!current.accessToken().equals(rejected)) {
            return current.accessToken();
        }
        current = refresh.apply(current);
        LOG.warning(() -> "connector " + connectorId + ": Ocean Engine's access token was refreshed; the refresh token rotated with it,"
                + " so the configured refreshToken no longer works: authorise the app again (or take the new pair from your token"
                + " service) and update the configuration before the next restart or reload");
        return current.accessToken();
    }
}
