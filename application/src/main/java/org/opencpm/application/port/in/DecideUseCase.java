package org.opencpm.application.port.in;

/**
 * Decide one use of one subject's data from the in-memory decision index, without touching the
 * database. Decisions on a lawful basis other than consent are logged.
 */
public interface DecideUseCase {

    DecisionResult decide(DecisionQuery query);
}
