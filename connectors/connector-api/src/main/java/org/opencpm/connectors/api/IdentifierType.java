package org.opencpm.connectors.api;

import java.util.Locale;

/**
 * The identifier types OpenCPM knows subjects by, as {@link SubjectIdentifier#type()} and
 * {@link ConnectorDescriptor#identifierTypes()} spell them ({@link #code()}: {@code phone},
 * {@code wechat_openid}…). The same list as the API's; a later SPI version may add types.
 */
public enum IdentifierType {
    /** A phone number, in E.164 ({@code +8613800138000}). */
    PHONE,
    /** An e-mail address, lower-case. */
    EMAIL,
    /** A WeChat openid: unique within one app only, so it always comes with the app id as its {@link SubjectIdentifier#scope()}. */
    WECHAT_OPENID,
    WECHAT_UNIONID,
    /** A Douyin openid; its scope, when given, is the app (client key). */
    DOUYIN_OPENID,
    TMALL_OUID,
    CRM_ID,
    MEMBER_ID,
    DEVICE_ID;

    /** The type as OpenCPM writes it: {@code phone}, {@code wechat_openid}… */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an identifier of this type means nothing without a scope (an app id). */
    public boolean needsScope() {
        return this == WECHAT_OPENID;
    }
}
