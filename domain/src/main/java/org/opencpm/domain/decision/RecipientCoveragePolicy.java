package org.opencpm.domain.decision;

import java.util.Optional;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;

/**
 * Data goes only to recipients the person was told about (PIPL Art. 23, 39): a named recipient
 * must be one the purpose lists, and a sharing purpose cannot be used without naming who
 * receives the data.
 */
public final class RecipientCoveragePolicy {

    private RecipientCoveragePolicy() {
    }

    public static boolean covers(Purpose purpose, Optional<String> recipient) {
        if (recipient.isPresent()) {
            return purpose.recipientNamed(recipient.get()).isPresent();
        }
        return purpose.category() != PurposeCategory.SHARING;
    }
}
