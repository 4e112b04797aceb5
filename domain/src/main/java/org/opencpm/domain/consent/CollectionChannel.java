package org.opencpm.domain.consent;

import org.opencpm.domain.Coded;

/** Where a consent event was collected: the touchpoint, not the channel messages go out on. */
public enum CollectionChannel implements Coded {
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

    public static CollectionChannel parse(String code, String field) {
        return Coded.parse(CollectionChannel.class, code, field);
    }
}
