package org.opencpm.domain.decision;

import java.util.EnumMap;
import java.util.Map;
import org.opencpm.domain.Checks;

/** The answer to "may this use happen?": allowed or not, and always why. */
public record Decision(boolean allowed, Reason reason) {

    private static final Map<Reason, Decision> BY_REASON = new EnumMap<>(Reason.class);

    static {
        for (Reason reason : Reason.values()) {
            BY_REASON.put(reason, new Decision(reason.allows(), reason));
        }
    }

    public Decision {
        Checks.required(reason, "reason");
        if (allowed != reason.allows()) {
            throw new IllegalArgumentException("reason " + reason.code() + (reason.allows() ? " allows" : " forbids"));
        }
    }

    /** The decision that {@code reason} stands for (shared instances: deciding allocates nothing). */
    public static Decision because(Reason reason) {
        return BY_REASON.get(reason);
    }
}
