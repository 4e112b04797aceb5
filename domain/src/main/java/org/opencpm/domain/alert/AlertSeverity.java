package org.opencpm.domain.alert;

import java.util.Locale;

/** How urgently an alert wants a person: {@code warning} can wait for office hours, {@code critical} cannot. */
public enum AlertSeverity {
    WARNING,
    CRITICAL;

    /** The code as the API spells it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertSeverity fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
