package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.PHONE;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.historyOf;
import static org.opencpm.domain.Fixtures.privacyPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;

/**
 * Any set of grants, withdrawals and denials with distinct {@code occurredAt}, arriving in any
 * order, ends in the same consent: the one the latest event makes. Over a plain purpose, a
 * double opt-in one (whose grants stay pending) and one whose grants lapse after a day.
 */
class EventOrderProperties {

    private static final Purpose PLAIN = aPurpose("marketing-sms").build();
    private static final Purpose DOUBLE_OPT_IN = aPurpose("newsletter").doubleOptIn(true).build();
    private static final Purpose LAPSING = aPurpose("daily-offers").validityDays(1).build();
    private static final Notice NOTICE = privacyPolicy(PLAIN, DOUBLE_OPT_IN, LAPSING);
    /** Every event lies within four days after {@code DAY_ONE}; the last arrival is judged at five. */
    private static final Instant NOW = DAY_ONE.plus(Duration.ofDays(5));

    /** One event: what, when (minutes after {@code DAY_ONE}) and on which channel. */
    record Event(ConsentAction action, int minute, CollectionChannel channel) {
        Instant at() {
            return DAY_ONE.plus(Duration.ofMinutes(minute));
        }

        ConsentRequest request(Purpose purpose) {
            boolean grant = action == ConsentAction.GRANT;
            return new ConsentRequest(action, List.of(purpose), grant ? Optional.of(NOTICE) : Optional.empty(),
                    grant ? Optional.of(historyOf(NOTICE)) : Optional.empty(), Evidence.of(channel, ConsentMethod.CHECKBOX),
                    Optional.empty(), Set.of(PHONE), at());
        }
    }

    /** The same events, in the order they happened and in two orders of arrival. */
    record Scenario(Purpose purpose, List<Event> chronological, List<Event> arrival, List<Event> otherArrival) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Purpose> purposes = Arbitraries.of(PLAIN, DOUBLE_OPT_IN, LAPSING);
        Arbitrary<List<Event>> events = Combinators.combine(
                        Arbitraries.of(ConsentAction.GRANT, ConsentAction.WITHDRAW, ConsentAction.DENY),
                        Arbitraries.integers().between(0, 4 * 24 * 60),
                        Arbitraries.of(CollectionChannel.WEB, CollectionChannel.STORE, CollectionChannel.SMS))
                .as(Event::new)
                .list().ofMinSize(1).ofMaxSize(12).uniqueElements(Event::minute);
        return Combinators.combine(purposes, events).flatAs((purpose, list) -> Combinators.combine(
                        Arbitraries.shuffle(list), Arbitraries.shuffle(list))
                .as((one, other) -> new Scenario(purpose,
                        list.stream().sorted(Comparator.comparingInt(Event::minute)).toList(), one, other)));
    }

    /** Records {@code events} in the order given; returns the consent in force at the end. */
    private static Consent arrive(Purpose purpose, List<Event> events) {
        Subject subject = anAdult();
        Map<PurposeCode, Consent> consents = new HashMap<>();
        for (Event event : events) {
            Consent before = consents.get(purpose.code());
            ConsentRecorder.Recording recording = ConsentRecorder.record(event.request(purpose), subject, consents, NOW);
            subject = recording.subject();
            ConsentRecorded recorded = recording.events().get(0);
            Consent after = recording.consents().get(0);
            if (!recorded.current()) {
                assertThat(after).as("a late event changes nothing").isSameAs(before);
                assertThat(event.at()).isBefore(before.changedAt());
            }
            consents.put(purpose.code(), after);
        }
        return consents.get(purpose.code());
    }

    @Property(tries = 500)
    void any_order_of_arrival_ends_in_the_consent_the_latest_event_makes(@ForAll("scenarios") Scenario s) {
        Consent inOrder = arrive(s.purpose(), s.chronological());
        Consent one = arrive(s.purpose(), s.arrival());
        Consent other = arrive(s.purpose(), s.otherArrival());

        Event latest = s.chronological().get(s.chronological().size() - 1);
        ConsentState expected = switch (latest.action()) {
            case GRANT -> s.purpose().doubleOptIn() ? ConsentState.PENDING : ConsentState.GRANTED;
            case WITHDRAW -> ConsentState.WITHDRAWN;
            default -> ConsentState.DENIED;
        };
        for (Consent consent : List.of(inOrder, one, other)) {
            assertThat(consent.state()).isEqualTo(expected);
            assertThat(consent.changedAt()).isEqualTo(latest.at());
            assertThat(consent.channel()).isEqualTo(latest.channel());
            assertThat(consent.stateAt(NOW)).isEqualTo(inOrder.stateAt(NOW));
            assertThat(consent.expiresAt()).isEqualTo(inOrder.expiresAt());
            assertThat(consent.grantedByGuardian()).isEqualTo(inOrder.grantedByGuardian());
            if (consent.state() == ConsentState.GRANTED) {
                assertThat(consent.grantedAt()).contains(latest.at());
            }
            if (consent.state() == ConsentState.GRANTED || consent.state() == ConsentState.PENDING) {
                assertThat(consent.noticeStamp()).isEqualTo(inOrder.noticeStamp()).contains(NoticeStamp.of(NOTICE));
            }
        }
    }

    @Provide
    Arbitrary<Scenario> withTies() {
        Arbitrary<List<Event>> events = Combinators.combine(
                        Arbitraries.of(ConsentAction.GRANT, ConsentAction.WITHDRAW, ConsentAction.DENY),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(CollectionChannel.WEB, CollectionChannel.STORE, CollectionChannel.SMS))
                .as(Event::new)
                .list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(Arbitraries.of(PLAIN, DOUBLE_OPT_IN, LAPSING), events)
                .flatAs((purpose, list) -> Arbitraries.shuffle(list).map(arrival -> new Scenario(purpose, list, arrival, arrival)));
    }

    @Property(tries = 300)
    void between_equal_instants_the_one_recorded_last_is_in_force(@ForAll("withTies") Scenario s) {
        Consent consent = arrive(s.purpose(), s.arrival());

        int latest = s.arrival().stream().mapToInt(Event::minute).max().orElseThrow();
        Event inForce = s.arrival().stream().filter(e -> e.minute() == latest).reduce((first, second) -> second).orElseThrow();
        assertThat(consent.changedAt()).isEqualTo(inForce.at());
        assertThat(consent.channel()).isEqualTo(inForce.channel());
        assertThat(consent.state()).isEqualTo(switch (inForce.action()) {
            case GRANT -> s.purpose().doubleOptIn() ? ConsentState.PENDING : ConsentState.GRANTED;
            case WITHDRAW -> ConsentState.WITHDRAWN;
            default -> ConsentState.DENIED;
        });
    }

    @Property(tries = 200)
    void an_event_arriving_after_a_newer_one_is_the_only_kind_that_is_not_current(@ForAll("scenarios") Scenario s) {
        Subject subject = anAdult();
        Map<PurposeCode, Consent> consents = new HashMap<>();
        Instant newest = Instant.MIN;
        for (Event event : s.arrival()) {
            ConsentRecorder.Recording recording = ConsentRecorder.record(event.request(s.purpose()), subject, consents, NOW);
            subject = recording.subject();
            consents.put(s.purpose().code(), recording.consents().get(0));
            assertThat(recording.events().get(0).current()).isEqualTo(!event.at().isBefore(newest));
            newest = newest.isAfter(event.at()) ? newest : event.at();
        }
    }
}
