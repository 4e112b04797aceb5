package org.opencpm.domain.subject;

import org.opencpm.domain.Coded;

/** The kinds of identifier a subject can be known by. */
public enum IdentifierType implements Coded {
    /** A phone number; mainland numbers in any common written form are one number. */
    PHONE(Scope.NONE),
    /** An e-mail address, case-folded. */
    EMAIL(Scope.NONE),
    /** A WeChat openid; only unique within one app, so it needs the app id as its scope. */
    WECHAT_OPENID(Scope.REQUIRED),
    WECHAT_UNIONID(Scope.OPTIONAL),
    /** A Douyin openid, unique per app (client key) when a scope is given. */
    DOUYIN_OPENID(Scope.OPTIONAL),
    TMALL_OUID(Scope.OPTIONAL),
    CRM_ID(Scope.OPTIONAL),
    MEMBER_ID(Scope.OPTIONAL),
    DEVICE_ID(Scope.OPTIONAL);

    /** Whether an identifier of this type is only meaningful with a scope (an app id, a system). */
    public enum Scope { NONE, OPTIONAL, REQUIRED }

    private final Scope scope;

    IdentifierType(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /** Whether a message can be sent to an identifier of this type. */
    public boolean isContactPoint() {
        return this == PHONE || this == EMAIL;
    }

    public static IdentifierType parse(String code, String field) {
        return Coded.parse(IdentifierType.class, code, field);
    }
}
