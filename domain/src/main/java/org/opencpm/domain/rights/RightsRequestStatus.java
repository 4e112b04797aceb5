package org.opencpm.domain.rights;

import java.util.Set;
import org.opencpm.domain.Coded;

/**
 * Where a rights request stands. The moves allowed (every other is refused):
 *
 * <table>
 *   <caption>Transitions</caption>
 *   <tr><th>from</th><th>to</th></tr>
 *   <tr><td>received</td><td>in_progress, completed, rejected</td></tr>
 *   <tr><td>in_progress</td><td>completed, rejected</td></tr>
 *   <tr><td>completed</td><td>— (final)</td></tr>
 *   <tr><td>rejected</td><td>— (final)</td></tr>
 * </table>
 *
 * <p>A final answer is what the person was told (PIPL Art. 50: a refusal must give its reason);
 * reopening it would rewrite that answer, so a new request is recorded instead.
 */
public enum RightsRequestStatus implements Coded {
    RECEIVED,
    IN_PROGRESS,
    COMPLETED,
    REJECTED;

    public static RightsRequestStatus parse(String code, String field) {
        return Coded.parse(RightsRequestStatus.class, code, field);
    }

    /** Whether the request has been answered: nothing moves it any more. */
    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED;
    }

    /** Whether the table above allows the move from this status to {@code next}. */
    public boolean canMoveTo(RightsRequestStatus next) {
        return switch (this) {
            case RECEIVED -> Set.of(IN_PROGRESS, COMPLETED, REJECTED).contains(next);
            case IN_PROGRESS -> Set.of(COMPLETED, REJECTED).contains(next);
            case COMPLETED, REJECTED -> false;
        };
    }
}
