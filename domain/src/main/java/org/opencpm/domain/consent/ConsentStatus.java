package org.opencpm.domain.consent;

import java.util.Optional;

/**
 * The few facts about a consent that a decision needs. {@link Consent} is one; a compact
 * in-memory index can be another without keeping whole {@code Consent} objects.
 */
public interface ConsentStatus {

    ConsentState recordedState();

    /** When a grant lapses, in epoch milliseconds; {@link Long#MAX_VALUE} when it does not. */
    long expiresAtEpochMilli();

    /** Whether a guardian gave the grant. */
    boolean grantedByGuardian();

    /**
     * How the person expressed the latest recorded choice: for a consent in force, the act that
     * granted or confirmed it. An {@link ConsentMethod#IMPLIED implied} grant allows nothing (PIPL Art. 14).
     */
    ConsentMethod method();

    /**
     * When the grant now in force (or the last one) was given, in epoch milliseconds; {@link
     * Long#MIN_VALUE} when never: compared with the purpose's material redefinition.
     */
    long grantedAtEpochMilli();

    /** The notice the consent was given on. */
    Optional<NoticeStamp> noticeStamp();

    /** The state at {@code epochMilli}, a lapsed grant reading as {@link ConsentState#EXPIRED}. */
    default ConsentState stateAtEpochMilli(long epochMilli) {
        ConsentState state = recordedState();
        return state == ConsentState.GRANTED && epochMilli >= expiresAtEpochMilli() ? ConsentState.EXPIRED : state;
    }
}
