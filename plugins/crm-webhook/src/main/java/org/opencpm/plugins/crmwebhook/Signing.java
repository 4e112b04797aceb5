package org.opencpm.plugins.crmwebhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.opencpm.connectors.api.Hmac;

/** The webhook's signature, both ways: {@code sha256=} and the HMAC of {@code "<timestamp>.<body>"}. */
final class Signing {

    static final String TIMESTAMP = "X-OpenCPM-Timestamp";
    static final String SIGNATURE = "X-OpenCPM-Signature";
    /** How far a signed request's timestamp may be from now (replay window). */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private Signing() {
    }

    static String sign(String secret, long timestamp, String body) {
        return "sha256=" + Hmac.sha256Hex(secret, timestamp + "." + body);
    }

    /** Why a signed request is refused, or empty when it is authentic and fresh. */
    static Optional<String> refusal(String secret, Optional<String> timestamp, Optional<String> signature, String body, Instant now) {
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Optional.of("missing " + TIMESTAMP + " or " + SIGNATURE);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get().strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP + " is not unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return Optional.of(TIMESTAMP + " is outside the " + WINDOW.toMinutes() + "-minute window");
        }
        if (!Hmac.equalsConstantTime(sign(secret, seconds, body), signature.get().strip())) {
            return Optional.of("the signature does not match");
        }
        return Optional.empty();
    }
}
