package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyWindow;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every {@link SendBudget} must do: admit up to each limit, take one unit of every limit or
 * of none, keep channels, periods and subjects apart — and stay exact under a crowd: of 50
 * requests racing for the last unit exactly one gets it, on one node and on two nodes sharing the
 * store, and the store then says the cap is used, not more. A frequency cap a person or the
 * operator set (consumer protection: no harassing marketing) is only as good as this.
 *
 * <p>Run against the database budget on H2, PostgreSQL and MariaDB (the persistence adapter's
 * {@code JpaSendBudgetContract}: the second node is a second persistence — its own pool and
 * entity manager factory — on the same database, as a second OpenCPM process would have) and
 * against the in-memory budget the core's tests run on ({@code InMemorySendBudgetTest}, where both
 * "nodes" are the one budget, as one process would share it). Each test works on a subject of its
 * own, so that the tests can share one store.
 */
public abstract class SendBudgetContract {

    private static final int RACERS = 50;

    protected abstract SendBudget budget();

    /** The budget as a second node sharing the store of {@link #budget()} sees it. */
    protected abstract SendBudget secondNode();

    /** How much of {@code period} the subject's budget on {@code channel} has used, read from the store (0 if never used). */
    protected abstract int used(SubjectId subject, ContactChannel channel, String period);

    private static PeriodLimit month(int max) {
        return new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", max);
    }

    private static PeriodLimit day(int max) {
        return new PeriodLimit(FrequencyWindow.DAY, "D2026-11-29", max);
    }

    @Test
    void a_budget_admits_up_to_its_cap_and_takes_every_limit_or_none() {
        SubjectId subject = SubjectId.newId();
        PeriodLimit month = month(3);
        PeriodLimit day = day(1);

        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of())).as("no limits: no cap").isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month, day))).isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month, day))).isFalse();

        // the refused send took nothing from the month: two more fit
        assertThat(used(subject, ContactChannel.SMS, month.period())).isEqualTo(1);
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month))).isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month))).isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month))).isFalse();
        assertThat(used(subject, ContactChannel.SMS, month.period())).isEqualTo(3);
        assertThat(used(subject, ContactChannel.SMS, day.period())).isEqualTo(1);
    }

    @Test
    void a_unit_given_back_can_be_taken_again_and_a_budget_never_goes_below_zero() {
        SubjectId subject = SubjectId.newId();
        PeriodLimit month = month(1);
        PeriodLimit day = day(5);
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month, day))).isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month, day))).isFalse();

        budget().giveBack(subject, ContactChannel.SMS, List.of(month, day));
        assertThat(used(subject, ContactChannel.SMS, month.period())).isZero();
        assertThat(used(subject, ContactChannel.SMS, day.period())).isZero();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month, day))).as("the unit given back").isTrue();

        budget().giveBack(subject, ContactChannel.SMS, List.of(month));
        budget().giveBack(subject, ContactChannel.SMS, List.of(month));
        budget().giveBack(SubjectId.newId(), ContactChannel.SMS, List.of(month));
        assertThat(used(subject, ContactChannel.SMS, month.period())).as("never below zero").isZero();
        assertThat(used(subject, ContactChannel.SMS, day.period())).isEqualTo(1);
    }

    @Test
    void channels_periods_and_subjects_have_budgets_of_their_own() {
        SubjectId subject = SubjectId.newId();
        SubjectId other = SubjectId.newId();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month(1)))).isTrue();

        assertThat(budget().tryConsume(subject, ContactChannel.EMAIL, List.of(month(1)))).as("another channel").isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(new PeriodLimit(FrequencyWindow.MONTH, "M2026-12", 1))))
                .as("another period").isTrue();
        assertThat(budget().tryConsume(other, ContactChannel.SMS, List.of(month(1)))).as("another subject").isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month(1)))).isFalse();
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).isEqualTo(1);
    }

    @Test
    void a_cap_of_zero_admits_nothing() {
        SubjectId subject = SubjectId.newId();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month(0)))).isFalse();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, List.of(month(5), day(0)))).isFalse();
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).isZero();
    }

    @Test
    void of_many_racing_senders_for_the_last_units_exactly_as_many_as_fit_succeed() throws Exception {
        SubjectId subject = SubjectId.newId();
        List<PeriodLimit> limits = List.of(month(2), new PeriodLimit(FrequencyWindow.WEEK, "W2026-48", 5));

        List<Boolean> sent = Racing.race(24, () -> budget().tryConsume(subject, ContactChannel.SMS, limits));

        assertThat(sent).filteredOn(Boolean::booleanValue).hasSize(2);
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).isEqualTo(2);
        assertThat(used(subject, ContactChannel.SMS, "W2026-48")).isEqualTo(2);
    }

    @Test
    void of_50_requests_racing_for_the_last_unit_exactly_one_is_granted() throws Exception {
        SubjectId subject = SubjectId.newId();
        List<PeriodLimit> threeAMonth = List.of(month(3));
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, threeAMonth)).isTrue();
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, threeAMonth)).isTrue();

        List<Boolean> granted = Racing.race(RACERS, () -> budget().tryConsume(subject, ContactChannel.SMS, threeAMonth));

        assertThat(granted).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).isEqualTo(3);
    }

    @Test
    void of_50_requests_on_two_nodes_racing_for_the_last_unit_exactly_one_is_granted() throws Exception {
        SubjectId subject = SubjectId.newId();
        List<PeriodLimit> threeAMonth = List.of(month(3));
        assertThat(budget().tryConsume(subject, ContactChannel.SMS, threeAMonth)).isTrue();
        assertThat(secondNode().tryConsume(subject, ContactChannel.SMS, threeAMonth)).isTrue();

        List<Boolean> granted = raceOnTwoNodes(node -> node.tryConsume(subject, ContactChannel.SMS, threeAMonth));

        assertThat(granted).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).as("the row says used = cap").isEqualTo(3);
    }

    @Test
    void of_50_requests_on_two_nodes_racing_for_the_only_unit_of_a_new_period_exactly_one_is_granted() throws Exception {
        SubjectId subject = SubjectId.newId();
        List<PeriodLimit> oneADay = List.of(month(10), day(1));

        List<Boolean> granted = raceOnTwoNodes(node -> node.tryConsume(subject, ContactChannel.SMS, oneADay));

        assertThat(granted).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(used(subject, ContactChannel.SMS, "D2026-11-29")).as("the row says used = cap").isEqualTo(1);
        assertThat(used(subject, ContactChannel.SMS, "M2026-11")).as("the refused took nothing from the month").isEqualTo(1);
    }

    /** {@value #RACERS} racers released at once, every other one on {@link #secondNode()}. */
    private List<Boolean> raceOnTwoNodes(Predicate<SendBudget> racer) throws Exception {
        List<SendBudget> nodes = List.of(budget(), secondNode());
        AtomicInteger numbers = new AtomicInteger();
        return Racing.race(RACERS, () -> racer.test(nodes.get(numbers.getAndIncrement() % 2)));
    }
}
