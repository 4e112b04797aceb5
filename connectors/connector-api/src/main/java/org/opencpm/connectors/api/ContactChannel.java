package org.opencpm.connectors.api;

import java.util.Locale;

/**
 * A channel messages reach a person on: the keys of {@link PreferenceSnapshot#channels()}
 * ({@link #code()}: {@code sms}, {@code app_push}…). A later SPI version may add channels.
 */
public enum ContactChannel {
    SMS,
    EMAIL,
    PHONE,
    WECHAT,
    APP_PUSH;

    /** The channel as OpenCPM writes it: {@code sms}, {@code app_push}… */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
