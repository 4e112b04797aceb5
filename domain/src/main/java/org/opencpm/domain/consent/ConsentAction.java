package org.opencpm.domain.consent;

import org.opencpm.domain.Coded;
import org.opencpm.domain.InvalidValueException;

/** What a consent event does. Clients send the first four; OpenCPM itself records expiry. */
public enum ConsentAction implements Coded {
    GRANT,
    /** Confirms a pending grant (double opt-in). */
    CONFIRM,
    DENY,
    WITHDRAW,
    /** Recorded by OpenCPM when a grant outlives its validity. */
    EXPIRE;

    /** Parses an action a client may send: {@code grant}, {@code withdraw}, {@code deny} or {@code confirm}. */
    public static ConsentAction parseClientAction(String code, String field) {
        ConsentAction action = Coded.parse(ConsentAction.class, code, field);
        if (action == EXPIRE) {
            throw new InvalidValueException(field, "'expire' is recorded by OpenCPM, not sent: use grant, withdraw, deny or confirm");
        }
        return action;
    }
}
