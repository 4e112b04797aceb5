package org.opencpm.connectors.api;

import java.util.List;

/**
 * The body of every message a connector's route receives: one change, or up to the batch size
 * when the connector batches. Never two changes of one subject.
 */
public record ChangeBatch(List<ConsentChange> changes) {

    public ChangeBatch {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a batch carries at least one change");
        }
    }

    /** The one change of an unbatched message. */
    public ConsentChange single() {
        if (changes.size() != 1) {
            throw new IllegalStateException("this message carries " + changes.size() + " changes");
        }
        return changes.get(0);
    }

    public int size() {
        return changes.size();
    }
}
