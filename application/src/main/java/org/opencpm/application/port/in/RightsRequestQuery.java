package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.rights.RightsRequestStatus;

/** Which rights requests to list: in a status when given, only the overdue ones when asked; at most {@code limit}. */
public record RightsRequestQuery(Optional<RightsRequestStatus> status, boolean overdue, int limit) {

    public static final int MAX_LIMIT = 1000;

    public RightsRequestQuery {
        Checks.required(status, "status");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
