package org.opencpm.domain.preference;

import org.opencpm.domain.Coded;

/** A channel a message reaches a person on. */
public enum ContactChannel implements Coded {
    SMS,
    EMAIL,
    PHONE,
    WECHAT,
    APP_PUSH;

    public static ContactChannel parse(String code, String field) {
        return Coded.parse(ContactChannel.class, code, field);
    }
}
