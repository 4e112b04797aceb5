package org.opencpm.domain.purpose;

import org.opencpm.domain.Coded;

/** What kind of processing a purpose is. Some categories carry legal consequences of their own. */
public enum PurposeCategory implements Coded {
    MARKETING,
    ANALYTICS,
    /** Personalised recommendation and targeting (PIPL Art. 24: an easy way to refuse is owed). */
    PERSONALIZATION,
    /** Providing personal information to another processor (PIPL Art. 23). */
    SHARING,
    /** Making personal information public (PIPL Art. 25). */
    PUBLIC_DISCLOSURE,
    SERVICE,
    SECURITY,
    RESEARCH,
    OTHER
}
