package org.opencpm.application.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.consent.RecordBySubject;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** What the preference centre records counts for the risk rules as what the API records does. */
class ObservedSubjectConsentsTest {

    private final RiskSignals signals = new RiskSignals();
    private final Evidence evidence = new Evidence(CollectionChannel.PREFERENCE_CENTRE, ConsentMethod.TOGGLE,
            Optional.of("203.0.113.9"), Optional.of("Mozilla/5.0"), Optional.empty(), Optional.empty());

    private List<ConsentReceipt> record(ConsentAction action, int receipts) {
        RecordBySubject recorder = (id, a, codes, notice, ev, actor) -> Collections.nCopies(receipts, (ConsentReceipt) null);
        return new ObservedSubjectConsents(recorder, signals).record(SubjectId.of("sub_a"), action,
                List.of(PurposeCode.of("marketing-sms")), Optional.empty(), evidence, new Actor("self:link-1"));
    }

    @Test
    void a_recorded_withdrawal_and_grant_are_counted_and_a_grant_by_its_masked_address() {
        record(ConsentAction.WITHDRAW, 1);
        record(ConsentAction.WITHDRAW, 1);
        record(ConsentAction.GRANT, 1);

        Observed observed = signals.drain(Duration.ofMinutes(5));
        assertThat(observed.withdrawals()).isEqualTo(2);
        assertThat(observed.grants()).isEqualTo(1);
        assertThat(observed.grantsBySource()).containsEntry("ip:203.0.113.0/24", 1L);
    }

    @Test
    void a_tap_that_recorded_nothing_is_not_counted() {
        record(ConsentAction.WITHDRAW, 0);
        record(ConsentAction.GRANT, 0);

        Observed observed = signals.drain(Duration.ofMinutes(5));
        assertThat(observed.withdrawals()).isZero();
        assertThat(observed.grants()).isZero();
    }
}
