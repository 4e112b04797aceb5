package org.opencpm.connectors.api;

import java.util.Locale;

/**
 * Where a consent event was collected (the touchpoint): {@link ConsentCommand#channel()}, as the
 * API's {@code channel} ({@link #code()}: {@code sms}, {@code crm}…). Not the channel messages go
 * out on, which is a {@link ContactChannel}. A later SPI version may add channels.
 */
public enum CollectionChannel {
    WEB,
    APP,
    MINIPROGRAM,
    WECHAT,
    STORE,
    CALL_CENTRE,
    SMS,
    EMAIL,
    PREFERENCE_CENTRE,
    API,
    CRM,
    IMPORT,
    OTHER;

    /** The channel as OpenCPM writes it: {@code sms}, {@code call_centre}… */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
