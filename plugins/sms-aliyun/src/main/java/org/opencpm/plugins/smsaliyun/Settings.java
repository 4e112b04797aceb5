package org.opencpm.plugins.smsaliyun;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.UnsubscribeKeywords;

/**
 * The connector's configuration, read and checked once per start: a key that is missing or not of
 * its kind fails the start with a message naming it, never a send or a callback later. Its
 * {@link #toString()} hides the secrets.
 *
 * @param baseUri             Dysmsapi's endpoint ({@code https://dysmsapi.aliyuncs.com}); its path is the canonical URI
 * @param templateCode        the template sent when the caller chooses none
 * @param unsubscribePurposes what an unsubscribe reply withdraws: marketing purposes, never guessed
 * @param timeout             the longest wait to connect to Dysmsapi, and again for its answer
 */
record Settings(URI baseUri, String accessKeyId, String accessKeySecret, String signName, Optional<String> templateCode,
                String inboundToken, UnsubscribeKeywords keywords, List<String> unsubscribePurposes, Duration timeout) {

    static final String DEFAULT_BASE_URL = "https://dysmsapi.aliyuncs.com";
    static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    /** The token is all that authenticates a push (Alibaba Cloud signs nothing): short enough to guess is refused. */
    static final int MIN_INBOUND_TOKEN_LENGTH = 32;
    private static final long MIN_TIMEOUT_MILLIS = 100;
    private static final long MAX_TIMEOUT_MILLIS = 60_000;

    static Settings of(ConnectorConfig config) {
        return new Settings(baseUri(config), config.require(SmsAliyunConnector.ACCESS_KEY_ID),
                config.require(SmsAliyunConnector.ACCESS_KEY_SECRET), config.require(SmsAliyunConnector.SIGN_NAME),
                config.get(SmsAliyunConnector.TEMPLATE_CODE), inboundToken(config),
                UnsubscribeKeywords.of(config), unsubscribePurposes(config), timeout(config));
    }

    private static URI baseUri(ConnectorConfig config) {
        String written = config.get(ConnectorApi.BASE_URL).orElse(DEFAULT_BASE_URL);
        try {
            URI uri = new URI(written);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(written, "not an http(s) endpoint without query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("configuration key '" + ConnectorApi.BASE_URL
                    + "' must be Dysmsapi's endpoint, e.g. " + DEFAULT_BASE_URL + ", not '" + written + "'");
        }
    }

    private static String inboundToken(ConnectorConfig config) {
        String token = config.require(SmsAliyunConnector.INBOUND_TOKEN);
        if (token.length() < MIN_INBOUND_TOKEN_LENGTH) {
            throw new IllegalStateException("configuration key '" + SmsAliyunConnector.INBOUND_TOKEN + "' must be at least "
                    + MIN_INBOUND_TOKEN_LENGTH + " characters (a random string, e.g. openssl rand -hex 24), not " + token.length());
        }
        return token;
    }

    /** {@code unsubscribePurposes}, else {@code purposes}: an SMS reply withdraws marketing, and which purposes those are cannot be guessed. */
    private static List<String> unsubscribePurposes(ConnectorConfig config) {
        List<String> purposes = config.get(SmsAliyunConnector.UNSUBSCRIBE_PURPOSES).or(() -> config.get(ConnectorApi.PURPOSES))
                .map(listed -> Arrays.stream(listed.split(",")).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList())
                .orElse(List.of());
        if (purposes.isEmpty()) {
            throw new IllegalStateException("configuration key '" + SmsAliyunConnector.UNSUBSCRIBE_PURPOSES + "' (or else '"
                    + ConnectorApi.PURPOSES + "') must list the marketing purposes an unsubscribe reply withdraws,"
                    + " e.g. unsubscribePurposes=marketing-sms: they cannot be guessed");
        }
        return purposes;
    }

    private static Duration timeout(ConnectorConfig config) {
        long millis = config.getLong(SmsAliyunConnector.TIMEOUT_MILLIS, DEFAULT_TIMEOUT_MILLIS);
        if (millis < MIN_TIMEOUT_MILLIS || millis > MAX_TIMEOUT_MILLIS) {
            throw new IllegalStateException("configuration key '" + SmsAliyunConnector.TIMEOUT_MILLIS + "' must be from "
                    + MIN_TIMEOUT_MILLIS + " to " + MAX_TIMEOUT_MILLIS + " milliseconds, not " + millis);
        }
        return Duration.ofMillis(millis);
    }

    @Override
    public String toString() {
        return "Settings[baseUri=" + baseUri + ", accessKeyId=" + accessKeyId + ", accessKeySecret=***, signName=" + signName
                + ", templateCode=" + templateCode + ", inboundToken=***, " + keywords + ", unsubscribePurposes=" + unsubscribePurposes
                + ", timeout=" + timeout + "]";
    }
}
