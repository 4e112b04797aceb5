package org.opencpm.application.port.in;

/**
 * What the edges tell the risk alerts about that the use cases cannot see: which API key asked
 * for a decision that was denied. Called on the decision path: an increment, nothing more.
 */
public interface ReportRiskUseCase {

    /** Tells nothing to anyone. */
    ReportRiskUseCase NONE = keyId -> {
    };

    /** A decision asked for with the key {@code apiKeyId} was denied. */
    void decisionDenied(String apiKeyId);
}
