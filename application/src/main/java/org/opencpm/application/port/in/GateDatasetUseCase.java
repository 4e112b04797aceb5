package org.opencpm.application.port.in;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stream a dataset through the consent gate: rows in, the rows that may be shared out (as they
 * were, or de-identified), in order, with constant memory.
 *
 * <p>In two steps, so that a streaming adapter can refuse a bad query (an unknown purpose) before
 * it has answered anything: {@link #open} checks the query and fixes the moment the rows are
 * decided at; the {@link DatasetGate} it returns then takes the rows one at a time.
 */
public interface GateDatasetUseCase {

    /** Counts of what happened to the rows. */
    record GateSummary(long rows, long passed, long deidentified, long dropped) {
    }

    /** Checks {@code query} (an unknown purpose is refused here) and returns the gate its rows pass through. */
    DatasetGate open(DatasetGateQuery query);

    /** One dataset passing the gate: every row against the same purpose, recipient and moment. */
    interface DatasetGate {

        /** The row as it may be shared (itself, or de-identified), or empty when it must be left out. */
        Optional<List<String>> pass(List<String> row);

        /** What happened to the rows so far. */
        GateSummary summary();
    }

    default GateSummary gate(DatasetGateQuery query, Iterator<List<String>> rows, Consumer<List<String>> shared) {
        DatasetGate gate = open(query);
        while (rows.hasNext()) {
            gate.pass(rows.next()).ifPresent(shared);
        }
        return gate.summary();
    }
}
