package org.opencpm.adapters.persistence.preference;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.subject.SubjectId;

/**
 * Send budgets in {@code send_budget}, one row per subject, channel and period. Each
 * {@link #tryConsume} runs in a transaction of its own: it locks the rows of all its periods
 * ({@code SELECT … FOR UPDATE}, in period order), inserts the ones that do not exist yet, checks
 * every limit and takes one unit of each, or none. Racing callers queue on the row locks, so of
 * many asking for the last unit exactly one gets it; two that insert the same new row at once
 * conflict, and the loser runs again and finds the row.
 */
public final class JpaSendBudget implements SendBudget {

    /** Runs after a conflict (two callers creating the same period's row at once, a deadlock). */
    static final int ATTEMPTS = 32;

    private final JpaTransactions tx;

    public JpaSendBudget(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean tryConsume(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits) {
        if (limits.isEmpty()) {
            return true;
        }
        ConcurrencyConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return tx.inOwnTransaction(em -> consume(em, subject, channel, limits));
            } catch (ConcurrencyConflictException conflict) {
                last = conflict;
                Thread.onSpinWait();
            }
        }
        throw last;
    }

    @Override
    public void giveBack(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits) {
        if (limits.isEmpty()) {
            return;
        }
        List<String> periods = limits.stream().map(PeriodLimit::period).distinct().toList();
        tx.inOwnTransaction(em -> em.createQuery("UPDATE SendBudgetJpaEntity b SET b.used = b.used - 1 WHERE b.subjectId = :subject"
                        + " AND b.channel = :channel AND b.period IN :periods AND b.used > 0")
                .setParameter("subject", subject.value())
                .setParameter("channel", channel.code())
                .setParameter("periods", periods)
                .executeUpdate());
    }

    private static boolean consume(EntityManager em, SubjectId subject, ContactChannel channel, List<PeriodLimit> limits) {
        TreeSet<String> periods = new TreeSet<>();
        limits.forEach(limit -> periods.add(limit.period()));
        Map<String, SendBudgetJpaEntity> rows = new HashMap<>();
        em.createQuery("SELECT b FROM SendBudgetJpaEntity b WHERE b.subjectId = :subject AND b.channel = :channel"
                        + " AND b.period IN :periods ORDER BY b.period", SendBudgetJpaEntity.class)
                .setParameter("subject", subject.value())
                .setParameter("channel", channel.code())
                .setParameter("periods", List.copyOf(periods))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .forEach(row -> rows.put(row.period, row));
        for (String period : periods) {
            if (!rows.containsKey(period)) {
                SendBudgetJpaEntity created = new SendBudgetJpaEntity(subject.value(), channel.code(), period);
                em.persist(created);
                em.flush();
                rows.put(period, created);
            }
        }
        for (PeriodLimit limit : limits) {
            if (rows.get(limit.period()).used >= limit.max()) {
                return false;
            }
        }
        for (PeriodLimit limit : limits) {
            rows.get(limit.period()).used++;
        }
        return true;
    }
}
