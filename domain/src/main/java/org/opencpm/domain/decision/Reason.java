package org.opencpm.domain.decision;

import org.opencpm.domain.Coded;

/** Why a use is allowed or not. The codes are part of the API. */
public enum Reason implements Coded {
    /** A consent in force covers the use. */
    GRANTED(true),
    /** The purpose rests on a lawful basis other than consent (PIPL Art. 13). */
    LEGAL_BASIS(true),
    NO_CONSENT(false),
    /** Granted but not yet confirmed (double opt-in). */
    PENDING_CONFIRMATION(false),
    DENIED(false),
    WITHDRAWN(false),
    EXPIRED(false),
    CHANNEL_DISABLED(false),
    TOPIC_DISABLED(false),
    /** The recipient is not one the purpose named (PIPL Art. 23). */
    RECIPIENT_NOT_COVERED(false),
    /** A material notice change asks for new consent (PIPL Art. 14 ¶2). */
    NOTICE_OUTDATED(false),
    /**
     * The purpose was redefined materially after the consent in force was given: new data
     * elements, new recipients, made sensitive or cross-border (PIPL Art. 14 ¶2).
     */
    PURPOSE_REDEFINED(false),
    /** The subject is under 14 and no guardian consented (PIPL Art. 31). */
    GUARDIAN_REQUIRED(false),
    /**
     * The grant in force was inferred from conduct ({@code implied}): recorded, but consent is a
     * voluntary and explicit act, so it allows nothing until the person acts (PIPL Art. 14).
     */
    IMPLIED_CONSENT(false),
    UNKNOWN_SUBJECT(false),
    /** The identifier given is not a valid identifier of its type (audience filters, dataset gates). */
    INVALID_IDENTIFIER(false),
    /** The channel's frequency cap for the period is used up. */
    FREQUENCY_CAP(false),
    /** The person's quiet hours, or the marketing curfew, are in force. */
    QUIET_HOURS(false);

    private final boolean allows;

    Reason(boolean allows) {
        this.allows = allows;
    }

    public boolean allows() {
        return allows;
    }
}
