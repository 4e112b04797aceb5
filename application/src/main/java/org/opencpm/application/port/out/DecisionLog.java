package org.opencpm.application.port.out;

/** Where decisions that did not ask for consent are logged. Appends only; must be cheap. */
public interface DecisionLog {

    void record(LoggedDecision decision);
}
