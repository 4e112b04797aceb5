package org.opencpm.application.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;
import org.opencpm.application.port.in.ReportRiskUseCase;

/**
 * The counters the alert rules read: fed by the use cases (through the decorators in this
 * package, and by the REST edge for denied decisions), drained by each evaluation. Counting is an
 * increment: no lock, no allocation for a key already seen, nothing written anywhere.
 *
 * <p>Sources of grants are never kept as given: an address is masked to its network (IPv4 /24,
 * IPv6 /48), an operator's name is reduced to a short hash, so that neither the counters nor the
 * alerts hold personal data (PIPL Art. 51: measures proportionate to the risk, no more data).
 */
public final class RiskSignals implements ReportRiskUseCase {

    /** The most distinct keys (API keys, sources) counted in one window before they share one entry. */
    static final int MAX_KEYS = 10_000;

    private final LongAdder grants = new LongAdder();
    private final LongAdder withdrawals = new LongAdder();
    private final LongAdder outdatedNoticeGrants = new LongAdder();
    private final LongAdder quietHourAttempts = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final KeyedTally deniedByKey = new KeyedTally(MAX_KEYS);
    private final KeyedTally grantsBySource = new KeyedTally(MAX_KEYS);

    @Override
    public void decisionDenied(String apiKeyId) {
        deniedByKey.increment(apiKeyId == null ? "unknown" : apiKeyId);
    }

    /** A grant was recorded, from {@code ip} and by {@code operator} as the evidence says (either may be null). */
    public void granted(String ip, String operator) {
        grants.increment();
        if (ip != null) {
            grantsBySource.increment("ip:" + maskAddress(ip));
        }
        if (operator != null) {
            grantsBySource.increment("operator:" + shortHash(operator));
        }
    }

    public void withdrawn() {
        withdrawals.increment();
    }

    /** A grant was recorded on a notice version a later material change has outdated. */
    public void grantedOnOutdatedNotice() {
        outdatedNoticeGrants.increment();
    }

    /** A send permit was asked for in the person's quiet hours (and refused). */
    public void quietHourAttempt() {
        quietHourAttempts.increment();
    }

    /** An API-key authentication failed. */
    public void authFailed() {
        authFailures.increment();
    }

    /** What was counted since the previous drain, the counters reset. */
    Observed drain(Duration window) {
        return new Observed(window, grants.sumThenReset(), withdrawals.sumThenReset(), deniedByKey.drain(), grantsBySource.drain(),
                outdatedNoticeGrants.sumThenReset(), quietHourAttempts.sumThenReset(), authFailures.sumThenReset());
    }

    /**
     * The network an address is in: IPv4 to its /24 ({@code 203.0.113.0/24}), IPv6 to its /48;
     * anything else to {@code other}. Enough to see a burst from one place, not enough to name a device.
     */
    static String maskAddress(String ip) {
        String value = ip.trim();
        if (value.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return value.substring(0, value.lastIndexOf('.')) + ".0/24";
        }
        if (value.contains(":") && value.matches("[0-9A-Fa-f:.]+")) {
            String[] groups = value.split(":", -1);
            if (groups.length >= 3 && !value.startsWith("::")) {
                return (groups[0] + ":" + groups[1] + ":" + groups[2]).toLowerCase(java.util.Locale.ROOT) + "::/48";
            }
        }
        return "other";
    }

    /** The first 12 hex digits of the SHA-256 of {@code text}: tells sources apart, does not spell them. */
    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
