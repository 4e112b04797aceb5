package org.opencpm.domain.consent;

import java.util.Optional;

/**
 * The legal transitions of a consent, and nothing else. "None" is a consent never recorded.
 *
 * <pre>
 *  from \ action   grant                 confirm   deny     withdraw   expire
 *  none            granted | pending*    ✗         denied   withdrawn  ✗
 *  pending         granted | pending*    granted   denied   withdrawn  expired
 *  granted         granted (renewal)     ✗         ✗        withdrawn  expired
 *  denied          granted | pending*    ✗         denied   withdrawn  ✗
 *  withdrawn       granted | pending*    ✗         denied   withdrawn  ✗
 *  expired         granted | pending*    ✗         denied   withdrawn  ✗
 *
 *  * pending when the purpose asks for double opt-in
 * </pre>
 *
 * Withdrawal is possible from every state, so it is always as easy as giving (PIPL Art. 15): a
 * repeated "TD" reply is recorded, never refused. A granted consent is ended by withdrawal, not by
 * a denial, so that the history says what happened.
 */
public final class ConsentStateMachine {

    private ConsentStateMachine() {
    }

    /**
     * The state after {@code action}, from {@code current} (empty when never recorded).
     *
     * @param doubleOptIn the purpose wants a grant confirmed before it counts
     * @throws IllegalConsentTransitionException when the table above has ✗
     */
    public static ConsentState next(Optional<ConsentState> current, ConsentAction action, boolean doubleOptIn) {
        ConsentState from = current.orElse(null);
        return switch (action) {
            case GRANT -> from == ConsentState.GRANTED || !doubleOptIn ? ConsentState.GRANTED : ConsentState.PENDING;
            case CONFIRM -> {
                if (from != ConsentState.PENDING) {
                    throw new IllegalConsentTransitionException(current, action, "only a pending grant can be confirmed");
                }
                yield ConsentState.GRANTED;
            }
            case DENY -> {
                if (from == ConsentState.GRANTED) {
                    throw new IllegalConsentTransitionException(current, action, "a granted consent is ended by withdrawing it");
                }
                yield ConsentState.DENIED;
            }
            case WITHDRAW -> ConsentState.WITHDRAWN;
            case EXPIRE -> {
                if (from != ConsentState.GRANTED && from != ConsentState.PENDING) {
                    throw new IllegalConsentTransitionException(current, action, "only a granted or pending consent can expire");
                }
                yield ConsentState.EXPIRED;
            }
        };
    }

    /** Whether {@link #next} would accept {@code action} from {@code current}. */
    public static boolean allows(Optional<ConsentState> current, ConsentAction action) {
        try {
            next(current, action, false);
            return true;
        } catch (IllegalConsentTransitionException e) {
            return false;
        }
    }
}
