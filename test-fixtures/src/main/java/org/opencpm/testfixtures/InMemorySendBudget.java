package org.opencpm.testfixtures;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyBudget;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.subject.SubjectId;

/** Budgets per subject and channel; {@link ConcurrentHashMap#compute} makes consumption atomic. */
public final class InMemorySendBudget implements SendBudget {

    private record Key(SubjectId subject, ContactChannel channel) {
    }

    private final Map<Key, FrequencyBudget> budgets = new ConcurrentHashMap<>();

    @Override
    public boolean tryConsume(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits) {
        boolean[] consumed = {false};
        budgets.compute(new Key(subject, channel), (key, budget) -> {
            FrequencyBudget current = budget == null ? FrequencyBudget.unused() : budget;
            if (!current.admits(limits)) {
                return current;
            }
            consumed[0] = true;
            return current.consume(limits);
        });
        return consumed[0];
    }

    @Override
    public void giveBack(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits) {
        budgets.computeIfPresent(new Key(subject, channel), (key, budget) -> budget.release(limits));
    }

    public int used(SubjectId subject, ContactChannel channel, String period) {
        FrequencyBudget budget = budgets.get(new Key(subject, channel));
        return budget == null ? 0 : budget.used(period);
    }

    /** Deletes the send counts of {@code subject} (the shredder's part). */
    public void forget(SubjectId subject) {
        budgets.keySet().removeIf(key -> key.subject().equals(subject));
    }
}
