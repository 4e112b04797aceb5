package org.opencpm.domain.purpose;

import org.opencpm.domain.Coded;

/** The kind of a personal-information element, for classification (DSL Art. 21, GB/T 35273 Annex A). */
public enum DataCategory implements Coded {
    IDENTITY,
    CONTACT,
    ACCOUNT,
    DEVICE,
    LOCATION,
    BEHAVIOUR,
    PROFILE,
    FINANCIAL,
    HEALTH,
    BIOMETRIC,
    MINOR,
    OTHER;

    /**
     * Whether every element of this category is sensitive personal information: biometrics,
     * health, financial accounts and a minor's data (PIPL Art. 28, 31; GB/T 35273 Annex B).
     */
    public boolean sensitiveByNature() {
        return this == BIOMETRIC || this == HEALTH || this == FINANCIAL || this == MINOR;
    }
}
