package org.opencpm.domain.audit;

import org.opencpm.domain.Coded;

/** What an audit event records. */
public enum AuditEventType implements Coded {
    CONSENT_RECORDED,
    PREFERENCES_UPDATED,
    PURPOSE_DEFINED,
    NOTICE_PUBLISHED,
    SUBJECT_UPDATED,
    API_KEY_CREATED,
    ERASURE_DUE;

    public static AuditEventType parse(String code, String field) {
        return Coded.parse(AuditEventType.class, code, field);
    }
}
