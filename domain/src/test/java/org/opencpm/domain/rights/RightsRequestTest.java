package org.opencpm.domain.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.subject.SubjectId;

class RightsRequestTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T02:00:00Z");
    private static final Instant LATER = RECEIVED.plus(Duration.ofDays(3));

    private static RightsRequest received() {
        return RightsRequest.receive("r-1", SubjectId.newId(), RightsRequestType.DELETION, CollectionChannel.API,
                Verification.of(VerificationMethod.SMS_CODE), Optional.of("please delete"), RECEIVED, Duration.ofDays(15));
    }

    /** Every (from, to) pair: allowed exactly when the table of {@link RightsRequestStatus} says so. */
    @ParameterizedTest
    @EnumSource(RightsRequestStatus.class)
    void the_transition_table_allows_exactly_its_moves(RightsRequestStatus from) {
        for (RightsRequestStatus to : RightsRequestStatus.values()) {
            boolean expected = switch (from) {
                case RECEIVED -> to != RightsRequestStatus.RECEIVED;
                case IN_PROGRESS -> to == RightsRequestStatus.COMPLETED || to == RightsRequestStatus.REJECTED;
                case COMPLETED, REJECTED -> false;
            };
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
        }
    }

    @Test
    void a_received_request_is_due_after_the_deadline() {
        RightsRequest r = received();
        assertThat(r.status()).isEqualTo(RightsRequestStatus.RECEIVED);
        assertThat(r.dueAt()).isEqualTo(Instant.parse("2026-12-14T02:00:00Z"));
        assertThat(r.closedAt()).isEmpty();
    }

    @Test
    void received_goes_to_in_progress_then_completed() {
        RightsRequest done = received().start().complete(Optional.of("data deleted"), LATER);
        assertThat(done.status()).isEqualTo(RightsRequestStatus.COMPLETED);
        assertThat(done.closedAt()).contains(LATER);
        assertThat(done.resolution()).contains("data deleted");
    }

    @Test
    void received_can_be_completed_or_rejected_directly() {
        assertThat(received().complete(Optional.empty(), LATER).status()).isEqualTo(RightsRequestStatus.COMPLETED);
        RightsRequest rejected = received().reject("identity not confirmed", LATER);
        assertThat(rejected.status()).isEqualTo(RightsRequestStatus.REJECTED);
        assertThat(rejected.resolution()).contains("identity not confirmed");
    }

    @Test
    void in_progress_can_be_rejected_but_not_started_again() {
        RightsRequest started = received().start();
        assertThat(started.reject("no basis", LATER).status()).isEqualTo(RightsRequestStatus.REJECTED);
        assertThatThrownBy(started::start).isInstanceOf(RightsRequestTransitionException.class);
    }

    @Test
    void nothing_moves_a_final_request() {
        for (RightsRequest closed : new RightsRequest[] {received().complete(Optional.empty(), LATER),
                received().reject("no", LATER)}) {
            assertThatThrownBy(closed::start).isInstanceOf(RightsRequestTransitionException.class)
                    .hasMessageContaining(closed.status().code());
            assertThatThrownBy(() -> closed.complete(Optional.empty(), LATER)).isInstanceOf(RightsRequestTransitionException.class);
            assertThatThrownBy(() -> closed.reject("again", LATER)).isInstanceOf(RightsRequestTransitionException.class);
        }
    }

    @Test
    void a_rejection_needs_a_reason() {
        assertThatThrownBy(() -> received().reject(" ", LATER)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void an_operator_verification_names_the_operator() {
        assertThatThrownBy(() -> Verification.of(VerificationMethod.OPERATOR)).isInstanceOf(InvalidValueException.class);
        assertThat(new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")).operator()).contains("agent 7");
    }

    @Test
    void overdue_means_open_and_past_the_due_date() {
        RightsRequest r = received();
        assertThat(r.overdueAt(r.dueAt())).isFalse();
        assertThat(r.overdueAt(r.dueAt().plusSeconds(1))).isTrue();
        assertThat(r.complete(Optional.empty(), LATER).overdueAt(r.dueAt().plusSeconds(1))).isFalse();
    }
}
