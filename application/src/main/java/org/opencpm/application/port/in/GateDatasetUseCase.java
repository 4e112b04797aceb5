package org.opencpm.application.port.in;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stream a dataset through the consent gate: rows in, the rows that may be shared out (as they
 * were, or de-identified), in order, with constant memory.
 */
public interface GateDatasetUseCase {

    /** Counts of what happened to the rows. */
    record GateSummary(long rows, long passed, long deidentified, long dropped) {
    }

    GateSummary gate(DatasetGateQuery query, Iterator<List<String>> rows, Consumer<List<String>> shared);
}
