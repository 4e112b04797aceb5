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
    /** An API key was revoked: refused from then on. */
    API_KEY_REVOKED,
    /** An operator had the plugins folder read again. */
    PLUGINS_RELOADED,
    PLUGIN_ENABLED,
    PLUGIN_DISABLED,
    /** An operator sent a connector's dead deliveries again. */
    DEAD_LETTERS_REPLAYED,
    ERASURE_DUE,
    /** A person's rights request was recorded, with its due date (PIPL Art. 44–50). */
    RIGHTS_REQUEST_RECEIVED,
    RIGHTS_REQUEST_STARTED,
    RIGHTS_REQUEST_COMPLETED,
    /** A rights request was refused, with the reason the person is given (PIPL Art. 50). */
    RIGHTS_REQUEST_REJECTED,
    /**
     * Two subjects found to be one person became one (PIPL Art. 46): recorded on the subject that
     * absorbed the other, naming it and the purposes whose consent came from it.
     */
    SUBJECTS_MERGED,
    /**
     * A consent of the absorbed subject that, being the person's newer choice, became the
     * merged subject's in a merge: the event its change to the connectors refers to.
     */
    CONSENT_CARRIED,
    /** The tombstone of a subject absorbed by another: names the subject it now is part of. */
    SUBJECT_ABSORBED,
    /**
     * A person's erasure began (PIPL Art. 47): every consent withdrawn, every connector sent the
     * erasure; says why (request or retention), on which request and until when it waits for them.
     */
    SUBJECT_ERASURE_STARTED,
    /**
     * The tombstone of an erased person: their key destroyed, so what the chain sealed under it is
     * unreadable; says what was erased (counts by kind), when, why and on which request.
     */
    SUBJECT_ERASED,
    /** A copy of everything held about a person was handed out (PIPL Art. 45 access and portability). */
    SUBJECT_EXPORTED,
    /**
     * A checkpoint signing key came into use: its id, algorithm and public key (PEM), so the keys
     * that sign checkpoints are kept in the chain they anchor and survive rotation (PIPL Art. 54–56).
     */
    AUDIT_KEY_ADDED;

    public static AuditEventType parse(String code, String field) {
        return Coded.parse(AuditEventType.class, code, field);
    }
}
