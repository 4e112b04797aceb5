package org.opencpm.application.port.in;

/** Fill the decision index from the stores, before the server takes traffic. */
public interface WarmUpDecisionIndexUseCase {

    record Loaded(long purposes, long notices, long identifiers, long subjects) {
    }

    Loaded warmUp();
}
