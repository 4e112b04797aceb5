package org.opencpm.connectors.api;

import java.util.Locale;

/**
 * How the person expressed their choice: {@link ConsentCommand#method()}, as the API's
 * {@code method} ({@link #code()}: {@code sms_reply}, {@code button}…). A purpose that needs
 * separate consent takes only an explicit one: never {@link #IMPLIED} or {@link #IMPORT}. A later
 * SPI version may add methods.
 */
public enum ConsentMethod {
    /** An unticked box the person ticked. */
    CHECKBOX,
    BUTTON,
    /** A switch in a settings page. */
    TOGGLE,
    /** A handwritten or electronic signature. */
    SIGNATURE,
    /** Said aloud on a recorded call. */
    VERBAL,
    /** An SMS reply such as "Y" or "TD". */
    SMS_REPLY,
    /** A link clicked in an e-mail. */
    EMAIL_LINK,
    /** Inferred from conduct. */
    IMPLIED,
    /** Migrated from another system; the original act is unknown. */
    IMPORT;

    /** The method as OpenCPM writes it: {@code sms_reply}, {@code email_link}… */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
