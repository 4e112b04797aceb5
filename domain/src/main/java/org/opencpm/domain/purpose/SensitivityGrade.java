package org.opencpm.domain.purpose;

import org.opencpm.domain.Coded;

/**
 * How sensitive a data element is, lowest first: ordinary personal information, sensitive
 * personal information (PIPL Art. 28: biometrics, religion, health, finance, location, minors'
 * information…), and the DSL's important and core data.
 */
public enum SensitivityGrade implements Coded {
    GENERAL,
    SENSITIVE,
    IMPORTANT,
    CORE;

    /** Sensitive personal information or above: its processing needs separate consent. */
    public boolean needsSeparateConsent() {
        return compareTo(SENSITIVE) >= 0;
    }
}
