package org.opencpm.application.port.in;

import java.util.List;

/**
 * Record many consent events, each on its own: one refused event does not stop the others, and
 * each accepted one is durable when the answer lists it.
 */
public interface RecordConsentBatchUseCase {

    /** The most events one batch may carry. */
    int MAX_EVENTS = 1000;

    List<BatchItemResult> recordAll(List<RecordConsentCommand> commands);
}
