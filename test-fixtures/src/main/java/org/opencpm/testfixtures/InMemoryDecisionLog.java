package org.opencpm.testfixtures;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.application.port.out.DecisionLog;
import org.opencpm.application.port.out.LoggedDecision;

public final class InMemoryDecisionLog implements DecisionLog {

    private final List<LoggedDecision> decisions = new CopyOnWriteArrayList<>();

    @Override
    public void record(LoggedDecision decision) {
        decisions.add(decision);
    }

    public List<LoggedDecision> decisions() {
        return List.copyOf(decisions);
    }
}
