package org.opencpm.testfixtures;

import org.opencpm.application.port.out.SendBudget;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.SendBudgetContract;

/**
 * The in-memory send budget — the one the core's tests run on — held to the contract the database
 * budget keeps. Both "nodes" are the one budget, as one process would share it.
 */
class InMemorySendBudgetTest extends SendBudgetContract {

    private final InMemorySendBudget budget = new InMemorySendBudget();

    @Override
    protected SendBudget budget() {
        return budget;
    }

    @Override
    protected SendBudget secondNode() {
        return budget;
    }

    @Override
    protected int used(SubjectId subject, ContactChannel channel, String period) {
        return budget.used(subject, channel, period);
    }
}
