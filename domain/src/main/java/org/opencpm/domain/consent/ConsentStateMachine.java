package org.opencpm.domain.consent;

import java.util.Optional;

/**
 * The legal transitions of a consent, and nothing else. "None" is a consent never recorded.
 *
 * <pre>
 *  from \ action   grant                 confirm   deny     withdraw   expire
 *  none            granted | pending*    ✗         denied   withdrawn  ✗
 *  pending         granted | pending*    granted   denied   withdrawn  expired
 *  granted         granted (renewal)     ✗         denied   withdrawn  expired
 *  denied          granted | pending*    ✗         denied   withdrawn  ✗
 *  withdrawn       granted | pending*    ✗         denied   withdrawn  ✗
 *  expired         granted | pending*    ✗         denied   withdrawn  ✗
 *
 *  * pending when the purpose asks for double opt-in
 * </pre>
 *
 * Withdrawal is possible from every state, so it is always as easy as giving (PIPL Art. 15): a
 * repeated "TD" reply is recorded, never refused. So is a denial: a person's "no" is never
 * refused, even over a grant (it ends the grant as a withdrawal does, erasure due, PIPL Art. 47),
 * because events can arrive out of order — a denial at a store tablet, uploaded after an older
 * grant came in from the mini-program, is still the person's latest word, and the outcome of a
 * set of events must not depend on the order they arrive in (see {@link EventOrder}). The history
 * keeps the action, so it still says that it was a denial.
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
            case DENY -> ConsentState.DENIED;
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
