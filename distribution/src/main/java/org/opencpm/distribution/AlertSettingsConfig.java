package org.opencpm.distribution;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.alert.AlertSettings;
import org.opencpm.application.port.out.AlertSink;

/**
 * The risk rules' thresholds from configuration, {@code opencpm.alerts.<rule>.<setting>}
 * (environment {@code OPENCPM_ALERTS_<RULE>_<SETTING>}, dashes as underscores); each unset one
 * keeps {@link AlertSettings#DEFAULT}'s. A value out of range stops the start, naming the key: a
 * rule that silently never fires is worse than none (PIPL Art. 51). {@code opencpm.alerts.webhook.url}
 * (http or https) sends each alert there as JSON ({@link WebhookAlertSink}); unset, alerts are kept
 * and listed only.
 */
final class AlertSettingsConfig {

    static final String PREFIX = "opencpm.alerts.";
    static final String WEBHOOK_URL = PREFIX + "webhook.url";

    private AlertSettingsConfig() {
    }

    static AlertSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static AlertSettings from(Function<String, Optional<String>> values) {
        AlertSettings d = AlertSettings.DEFAULT;
        Reader r = new Reader(values);
        AlertSettings settings;
        try {
            settings = new AlertSettings(r.duration("interval", d.interval()),
                    r.number("withdrawal-spike.minimum", d.withdrawalMinimum()), r.decimal("withdrawal-spike.factor", d.withdrawalFactor()),
                    (int) r.number("withdrawal-spike.baseline-windows", d.baselineWindows()),
                    r.number("denied-decisions.max", d.maxDeniedPerKey()), r.flag("denied-decisions.revoke-key", d.revokeDeniedKey()),
                    r.number("grant-burst.max", d.maxGrantsPerSource()), r.number("outdated-notice.max", d.maxOutdatedNoticeGrants()),
                    r.number("quiet-hours.max", d.maxQuietHourAttempts()), r.number("delivery-backlog.max-dead-letters", d.maxDeadLetters()),
                    r.duration("delivery-backlog.max-sync-lag", d.maxSyncLag()), r.number("overdue-rights.max", d.maxOverdueRights()),
                    r.number("auth-failures.max", d.maxAuthFailures()));
        } catch (IllegalArgumentException outOfRange) {
            throw new IllegalStateException("opencpm.alerts.*: " + outOfRange.getMessage(), outOfRange);
        }
        return settings;
    }

    /** The webhook the alerts are sent to, if one is configured. */
    static AlertSink sink(Config config) {
        return sink(key -> config.getOptionalValue(key, String.class));
    }

    static AlertSink sink(Function<String, Optional<String>> values) {
        Optional<String> url = values.apply(WEBHOOK_URL).map(String::trim).filter(s -> !s.isEmpty());
        if (url.isEmpty()) {
            return AlertSink.NONE;
        }
        try {
            URI uri = URI.create(url.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return new WebhookAlertSink(uri);
            }
        } catch (IllegalArgumentException notAUri) {
            // refused below
        }
        throw new IllegalStateException(WEBHOOK_URL + " must be an http or https URL, not '" + url.get() + "'");
    }

    private record Reader(Function<String, Optional<String>> values) {

        private Optional<String> value(String name) {
            return values.apply(PREFIX + name).map(String::trim).filter(s -> !s.isEmpty());
        }

        private IllegalStateException refused(String name, String what, String value) {
            return new IllegalStateException(PREFIX + name + " must be " + what + ", not '" + value + "'");
        }

        long number(String name, long defaultValue) {
            Optional<String> v = value(name);
            try {
                long n = v.map(Long::parseLong).orElse(defaultValue);
                if (n < 0 || n > 1_000_000_000L) {
                    throw refused(name, "a whole number from 0 to 1000000000", v.orElse(""));
                }
                return n;
            } catch (NumberFormatException e) {
                throw refused(name, "a whole number", v.orElse(""));
            }
        }

        double decimal(String name, double defaultValue) {
            Optional<String> v = value(name);
            try {
                return v.map(Double::parseDouble).orElse(defaultValue);
            } catch (NumberFormatException e) {
                throw refused(name, "a number", v.orElse(""));
            }
        }

        boolean flag(String name, boolean defaultValue) {
            Optional<String> v = value(name);
            if (v.isEmpty()) {
                return defaultValue;
            }
            if (v.get().equals("true") || v.get().equals("false")) {
                return Boolean.parseBoolean(v.get());
            }
            throw refused(name, "true or false", v.get());
        }

        Duration duration(String name, Duration defaultValue) {
            Optional<String> v = value(name);
            try {
                return v.map(Duration::parse).orElse(defaultValue);
            } catch (DateTimeParseException e) {
                throw refused(name, "an ISO-8601 duration (e.g. PT1M)", v.orElse(""));
            }
        }
    }
}
