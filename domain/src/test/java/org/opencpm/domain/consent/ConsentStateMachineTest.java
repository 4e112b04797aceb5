package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.consent.ConsentAction.CONFIRM;
import static org.opencpm.domain.consent.ConsentAction.DENY;
import static org.opencpm.domain.consent.ConsentAction.EXPIRE;
import static org.opencpm.domain.consent.ConsentAction.GRANT;
import static org.opencpm.domain.consent.ConsentAction.WITHDRAW;
import static org.opencpm.domain.consent.ConsentState.DENIED;
import static org.opencpm.domain.consent.ConsentState.EXPIRED;
import static org.opencpm.domain.consent.ConsentState.GRANTED;
import static org.opencpm.domain.consent.ConsentState.PENDING;
import static org.opencpm.domain.consent.ConsentState.WITHDRAWN;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

class ConsentStateMachineTest {

    private static ConsentState next(ConsentState from, ConsentAction action) {
        return ConsentStateMachine.next(Optional.ofNullable(from), action, false);
    }

    @Test
    void a_first_grant_is_granted_or_pending_with_double_opt_in() {
        assertThat(next(null, GRANT)).isEqualTo(GRANTED);
        assertThat(ConsentStateMachine.next(Optional.empty(), GRANT, true)).isEqualTo(PENDING);
        assertThat(ConsentStateMachine.next(Optional.of(PENDING), CONFIRM, true)).isEqualTo(GRANTED);
    }

    @Test
    void renewing_a_granted_consent_needs_no_new_confirmation() {
        assertThat(ConsentStateMachine.next(Optional.of(GRANTED), GRANT, true)).isEqualTo(GRANTED);
    }

    @Test
    void only_a_pending_grant_can_be_confirmed() {
        for (ConsentState from : new ConsentState[] {null, GRANTED, DENIED, WITHDRAWN, EXPIRED}) {
            assertThatThrownBy(() -> next(from, CONFIRM)).isInstanceOf(IllegalConsentTransitionException.class)
                    .extracting("code").isEqualTo("consent-transition-not-allowed");
        }
    }

    @Test
    void a_denial_is_never_refused_and_ends_even_a_grant() {
        assertThat(next(null, DENY)).isEqualTo(DENIED);
        assertThat(next(GRANTED, DENY)).isEqualTo(DENIED);
        assertThat(next(PENDING, DENY)).isEqualTo(DENIED);
        assertThat(next(WITHDRAWN, DENY)).isEqualTo(DENIED);
    }

    @Test
    void withdrawal_is_accepted_from_every_state_including_none() {
        assertThat(next(null, WITHDRAW)).isEqualTo(WITHDRAWN);
        for (ConsentState from : ConsentState.values()) {
            assertThat(next(from, WITHDRAW)).isEqualTo(WITHDRAWN);
        }
    }

    @Test
    void only_grants_expire() {
        assertThat(next(GRANTED, EXPIRE)).isEqualTo(EXPIRED);
        assertThat(next(PENDING, EXPIRE)).isEqualTo(EXPIRED);
        assertThat(ConsentStateMachine.allows(Optional.of(WITHDRAWN), EXPIRE)).isFalse();
        assertThat(ConsentStateMachine.allows(Optional.empty(), EXPIRE)).isFalse();
    }

    @Test
    void clients_cannot_send_expiry() {
        assertThat(ConsentAction.parseClientAction("withdraw", "action")).isEqualTo(WITHDRAW);
        assertThatThrownBy(() -> ConsentAction.parseClientAction("expire", "action")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ConsentAction.parseClientAction("revoke", "action")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("grant, confirm, deny, withdraw, expire");
    }
}
