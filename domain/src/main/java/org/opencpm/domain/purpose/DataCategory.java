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
    OTHER
}
