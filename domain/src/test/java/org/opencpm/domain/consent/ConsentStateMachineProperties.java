package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the consent state machine that hold for every sequence of events. */
class ConsentStateMachineProperties {

    @Provide
    Arbitrary<List<ConsentAction>> histories() {
        return Arbitraries.of(ConsentAction.class).list().ofMaxSize(30);
    }

    /** Replays {@code actions}, skipping the ones the machine refuses; returns the state reached. */
    private static Optional<ConsentState> replay(List<ConsentAction> actions, boolean doubleOptIn) {
        Optional<ConsentState> state = Optional.empty();
        for (ConsentAction action : actions) {
            if (ConsentStateMachine.allows(state, action)) {
                state = Optional.of(ConsentStateMachine.next(state, action, doubleOptIn));
            }
        }
        return state;
    }

    @Property
    void withdrawal_is_always_possible_and_always_ends_in_withdrawn(@ForAll("histories") List<ConsentAction> before,
                                                                    @ForAll boolean doubleOptIn) {
        Optional<ConsentState> state = replay(before, doubleOptIn);
        assertThat(ConsentStateMachine.allows(state, ConsentAction.WITHDRAW)).isTrue();
        assertThat(ConsentStateMachine.next(state, ConsentAction.WITHDRAW, doubleOptIn)).isEqualTo(ConsentState.WITHDRAWN);
    }

    @Property
    void a_grant_is_possible_from_every_state(@ForAll("histories") List<ConsentAction> before, @ForAll boolean doubleOptIn) {
        Optional<ConsentState> state = replay(before, doubleOptIn);
        ConsentState after = ConsentStateMachine.next(state, ConsentAction.GRANT, doubleOptIn);
        assertThat(after).isIn(ConsentState.GRANTED, ConsentState.PENDING);
        if (!doubleOptIn) {
            assertThat(after).isEqualTo(ConsentState.GRANTED);
        }
    }

    @Property
    void granted_is_reached_only_by_a_grant_or_a_confirmation(@ForAll("histories") List<ConsentAction> actions,
                                                              @ForAll boolean doubleOptIn) {
        Optional<ConsentState> state = Optional.empty();
        for (ConsentAction action : actions) {
            if (!ConsentStateMachine.allows(state, action)) {
                continue;
            }
            ConsentState next = ConsentStateMachine.next(state, action, doubleOptIn);
            if (next == ConsentState.GRANTED && state.orElse(null) != ConsentState.GRANTED) {
                assertThat(action).isIn(ConsentAction.GRANT, ConsentAction.CONFIRM);
            }
            if (action == ConsentAction.CONFIRM) {
                assertThat(state).contains(ConsentState.PENDING);
            }
            state = Optional.of(next);
        }
    }

    @Property
    void with_double_opt_in_nothing_is_granted_before_a_confirmation(@ForAll("histories") List<ConsentAction> actions) {
        Optional<ConsentState> state = Optional.empty();
        boolean confirmed = false;
        for (ConsentAction action : actions) {
            if (!ConsentStateMachine.allows(state, action)) {
                continue;
            }
            confirmed |= action == ConsentAction.CONFIRM;
            state = Optional.of(ConsentStateMachine.next(state, action, true));
            if (state.get() == ConsentState.GRANTED) {
                assertThat(confirmed).isTrue();
            }
        }
    }

    @Property
    void every_refused_step_is_one_the_table_forbids(@ForAll("histories") List<ConsentAction> actions) {
        Optional<ConsentState> state = Optional.empty();
        for (ConsentAction action : actions) {
            boolean allowed = ConsentStateMachine.allows(state, action);
            ConsentState from = state.orElse(null);
            boolean forbidden = (action == ConsentAction.CONFIRM && from != ConsentState.PENDING)
                    || (action == ConsentAction.EXPIRE && from != ConsentState.GRANTED && from != ConsentState.PENDING);
            assertThat(allowed).isEqualTo(!forbidden);
            if (allowed) {
                state = Optional.of(ConsentStateMachine.next(state, action, false));
            }
        }
    }
}
