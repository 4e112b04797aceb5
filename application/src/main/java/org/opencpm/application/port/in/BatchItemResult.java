package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.DomainException;

/** The outcome of one event of a batch: its receipts, or the rule it broke. */
public record BatchItemResult(int index, Optional<RecordConsentResult> result, Optional<DomainException> error) {

    public static BatchItemResult recorded(int index, RecordConsentResult result) {
        return new BatchItemResult(index, Optional.of(result), Optional.empty());
    }

    public static BatchItemResult refused(int index, DomainException error) {
        return new BatchItemResult(index, Optional.empty(), Optional.of(error));
    }

    public boolean succeeded() {
        return result.isPresent();
    }
}
