package org.opencpm.application.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.alert.AlertSeverity;

/**
 * The risk rules of issue 12, each naming the duty it watches. Counted rules compare what was
 * counted in one evaluation window with a maximum per window; standing rules compare what stands
 * now with a maximum.
 */
final class AlertRules {

    static final String WITHDRAWAL_SPIKE = "withdrawal-spike";
    static final String DENIED_DECISIONS = "denied-decisions";
    static final String GRANT_BURST = "grant-burst";
    static final String OUTDATED_NOTICE = "outdated-notice";
    static final String QUIET_HOURS = "quiet-hours";
    static final String DELIVERY_BACKLOG = "delivery-backlog";
    static final String OVERDUE_RIGHTS = "overdue-rights";
    static final String AUTH_FAILURES = "auth-failures";

    private AlertRules() {
    }

    /** Every rule, with {@code settings}' thresholds. */
    static List<AlertRule> all(AlertSettings settings) {
        return List.of(new WithdrawalSpike(settings), new DeniedDecisions(settings), new GrantBurst(settings),
                counted(OUTDATED_NOTICE, AlertSeverity.WARNING, settings.maxOutdatedNoticeGrants(), Observed::outdatedNoticeGrants),
                counted(QUIET_HOURS, AlertSeverity.WARNING, settings.maxQuietHourAttempts(), Observed::quietHourAttempts),
                new DeliveryBacklog(settings),
                new OverdueRights(settings),
                counted(AUTH_FAILURES, AlertSeverity.CRITICAL, settings.maxAuthFailures(), Observed::authFailures));
    }

    /**
     * One finding per key of {@code byKey} whose count in the window is above {@code max}, its
     * episode the key, its detail the counts and the key under {@code label}.
     */
    private static List<AlertRule.Finding> overMaximum(Observed observed, Map<String, Long> byKey, long max, String label,
                                             java.util.function.Function<String, Optional<String>> offendingKey) {
        List<AlertRule.Finding> found = new ArrayList<>();
        byKey.forEach((key, n) -> {
            if (n > max) {
                Map<String, String> detail = new java.util.HashMap<>(counts(observed, n, max));
                detail.put(label, key);
                found.add(new AlertRule.Finding(key, detail, offendingKey.apply(key)));
            }
        });
        return found;
    }

    private static Map<String, String> counts(Observed observed, long count, long max) {
        return Map.of("count", Long.toString(count), "max", Long.toString(max), "windowSeconds", Long.toString(observed.window().toSeconds()));
    }

    /**
     * One count of the window above a maximum. Used for: grants recorded on outdated notices (PIPL
     * Art. 14, 17: consent on the notice in force), send attempts in quiet hours (Art. 10: no
     * disturbing use; a caller that ignores quiet hours keeps trying), failed authentications (Art.
     * 51(2): technical security measures; someone guessing keys).
     */
    private static AlertRule counted(String name, AlertSeverity severity, long max, java.util.function.ToLongFunction<Observed> count) {
        return new AlertRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AlertSeverity severity() {
                return severity;
            }

            @Override
            public List<Finding> evaluate(Observed observed, Backlog backlog) {
                long n = count.applyAsLong(observed);
                return n > max ? List.of(Finding.of(name, counts(observed, n, max))) : List.of();
            }
        };
    }

    /**
     * Withdrawals far above their usual rate (PIPL Art. 15, 16: a withdrawal spike says a use
     * upset people, or a notice went wrong): at least the minimum, and more than the factor times
     * the mean of the previous windows.
     */
    static final class WithdrawalSpike implements AlertRule {
        private final AlertSettings settings;
        private final Deque<Long> history = new ArrayDeque<>();
        private long historySum;

        WithdrawalSpike(AlertSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return WITHDRAWAL_SPIKE;
        }

        @Override
        public AlertSeverity severity() {
            return AlertSeverity.WARNING;
        }

        @Override
        public List<Finding> evaluate(Observed observed, Backlog backlog) {
            long n = observed.withdrawals();
            double baseline = history.isEmpty() ? 0 : (double) historySum / history.size();
            boolean spike = n >= settings.withdrawalMinimum() && n > settings.withdrawalFactor() * baseline;
            history.addLast(n);
            historySum += n;
            if (history.size() > settings.baselineWindows()) {
                historySum -= history.removeFirst();
            }
            if (!spike) {
                return List.of();
            }
            return List.of(Finding.of(WITHDRAWAL_SPIKE, Map.of("count", Long.toString(n), "baseline", String.format(java.util.Locale.ROOT, "%.2f", baseline),
                    "factor", Double.toString(settings.withdrawalFactor()), "windowSeconds", Long.toString(observed.window().toSeconds()))));
        }
    }

    /**
     * One API key asking again and again for uses that are denied (PIPL Art. 13, 14: no consent,
     * no processing — a system that keeps asking is trying to use data without it). The key may be
     * revoked ({@link AlertSettings#revokeDeniedKey}).
     */
    static final class DeniedDecisions implements AlertRule {
        private final AlertSettings settings;

        DeniedDecisions(AlertSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return DENIED_DECISIONS;
        }

        @Override
        public AlertSeverity severity() {
            return AlertSeverity.CRITICAL;
        }

        @Override
        public List<Finding> evaluate(Observed observed, Backlog backlog) {
            return overMaximum(observed, observed.deniedByKey(), settings.maxDeniedPerKey(), "apiKeyId",
                    key -> key.equals(KeyedTally.OVERFLOW) ? Optional.empty() : Optional.of(key));
        }
    }

    /**
     * Many grants from one network or one operator in one window (PIPL Art. 14: consent given
     * freely by the person — a burst from one place is a script or a clerk ticking boxes).
     */
    static final class GrantBurst implements AlertRule {
        private final AlertSettings settings;

        GrantBurst(AlertSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return GRANT_BURST;
        }

        @Override
        public AlertSeverity severity() {
            return AlertSeverity.WARNING;
        }

        @Override
        public List<Finding> evaluate(Observed observed, Backlog backlog) {
            return overMaximum(observed, observed.grantsBySource(), settings.maxGrantsPerSource(), "source", source -> Optional.empty());
        }
    }

    /**
     * Changes not reaching the connected systems (PIPL Art. 15, 47: a withdrawal must stop the use
     * everywhere): dead letters above the maximum, or the oldest undelivered change older than the limit.
     */
    static final class DeliveryBacklog implements AlertRule {
        private final AlertSettings settings;

        DeliveryBacklog(AlertSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return DELIVERY_BACKLOG;
        }

        @Override
        public AlertSeverity severity() {
            return AlertSeverity.WARNING;
        }

        @Override
        public List<Finding> evaluate(Observed observed, Backlog backlog) {
            List<Finding> found = new ArrayList<>();
            if (backlog.deadLetters() > settings.maxDeadLetters()) {
                found.add(Finding.of("dead-letters", Map.of("deadLetters", Long.toString(backlog.deadLetters()),
                        "max", Long.toString(settings.maxDeadLetters()))));
            }
            backlog.syncLag().filter(lag -> lag.compareTo(settings.maxSyncLag()) > 0).ifPresent(lag ->
                    found.add(Finding.of("sync-lag", Map.of("syncLagSeconds", Long.toString(lag.toSeconds()),
                            "maxSeconds", Long.toString(settings.maxSyncLag().toSeconds())))));
            return found;
        }
    }

    /** Rights requests open past their due date (PIPL Art. 50: answer in time). */
    static final class OverdueRights implements AlertRule {
        private final AlertSettings settings;

        OverdueRights(AlertSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return OVERDUE_RIGHTS;
        }

        @Override
        public AlertSeverity severity() {
            return AlertSeverity.CRITICAL;
        }

        @Override
        public List<Finding> evaluate(Observed observed, Backlog backlog) {
            return backlog.overdueRightsRequests() > settings.maxOverdueRights()
                    ? List.of(Finding.of(OVERDUE_RIGHTS, Map.of("overdue", Long.toString(backlog.overdueRightsRequests()),
                            "max", Long.toString(settings.maxOverdueRights()))))
                    : List.of();
        }
    }
}
