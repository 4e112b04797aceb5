package org.opencpm.domain.consent;

import org.opencpm.domain.Coded;

/** How the person expressed their choice. Separate consent needs an {@link #isExplicit() explicit} one. */
public enum ConsentMethod implements Coded {
    /** An unticked box the person ticked. */
    CHECKBOX,
    BUTTON,
    /** A switch in a settings page or the preference centre. */
    TOGGLE,
    /** A handwritten or electronic signature. */
    SIGNATURE,
    /** Said aloud on a recorded call. */
    VERBAL,
    /** An SMS reply such as "Y" or "TD". */
    SMS_REPLY,
    /** A link clicked in an e-mail (double opt-in). */
    EMAIL_LINK,
    /** Inferred from conduct. Never enough for separate consent. */
    IMPLIED,
    /** Migrated from another system; the original act is unknown. Never enough for separate consent. */
    IMPORT;

    /** A deliberate, affirmative act by the person (明示同意). */
    public boolean isExplicit() {
        return this != IMPLIED && this != IMPORT;
    }

    public static ConsentMethod parse(String code, String field) {
        return Coded.parse(ConsentMethod.class, code, field);
    }
}
