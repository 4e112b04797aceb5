package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every {@link AuditTrail} must do with an {@link AuditSelection} (PIPL Art. 54–56 exports):
 * give exactly the events the selection {@link AuditSelection#matches matches}, in sequence order,
 * across pages (more than a thousand matching events, interleaved with others), whether it selects
 * by subjects, purpose, types, time or all at once. Run on the in-memory trail and on H2,
 * PostgreSQL and MariaDB ({@code AuditTrailContract.Selecting}). The trail may hold other tests'
 * events: each test keeps to subjects, purposes and a time window of its own.
 */
public abstract class AuditSelectionContract {

    protected abstract AuditTrail trail();

    protected abstract Transactions transactions();

    /** A window of time no other test writes in. */
    private static Instant window() {
        return Instant.parse("2033-01-01T00:00:00Z").plus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(1, 5_000_000)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private record Mix(SubjectId anna, SubjectId bo, SubjectId chen, PurposeCode sms, PurposeCode email, Instant start,
                       List<AuditEvent> appended) {
    }

    /**
     * {@code count} events, a second apart from {@code start}: Anna's on two of every three, then
     * Bo's and Chen's in turn; SMS consents, email consents, and every seventh a preferences update
     * without a purpose.
     */
    private Mix appendMix(int count) {
        String id = unique();
        Mix mix = new Mix(SubjectId.of("sub_anna_" + id), SubjectId.of("sub_bo_" + id), SubjectId.of("sub_chen_" + id),
                PurposeCode.of("sms-" + id), PurposeCode.of("email-" + id), window(), new ArrayList<>());
        for (int from = 0; from < count; from += 500) {
            int first = from;
            transactions().inTransaction(() -> {
                for (int i = first; i < Math.min(count, first + 500); i++) {
                    SubjectId who = i % 3 != 2 ? mix.anna() : i % 2 == 0 ? mix.bo() : mix.chen();
                    boolean preferences = i % 7 == 0;
                    Instant at = mix.start().plusSeconds(i);
                    mix.appended().add(trail().append(AuditDraft.of(preferences ? AuditEventType.PREFERENCES_UPDATED
                                    : AuditEventType.CONSENT_RECORDED, who.value(), preferences ? null : (i % 2 == 0 ? mix.sms() : mix.email()).value(),
                            preferences ? null : "granted", at, at, "key:test", "web", null, null, Map.of("n", Integer.toString(i)))));
                }
                return null;
            });
        }
        return mix;
    }

    private List<AuditEvent> select(AuditSelection selection) {
        try (Stream<AuditEvent> events = trail().events(selection)) {
            return events.toList();
        }
    }

    private static List<Long> seqs(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::seq).toList();
    }

    private static List<Long> expected(Mix mix, Predicate<AuditEvent> wanted) {
        return mix.appended().stream().filter(wanted).map(AuditEvent::seq).toList();
    }

    private static AuditSelection of(List<SubjectId> subjects, Optional<PurposeCode> purpose, Set<AuditEventType> types) {
        return new AuditSelection(Optional.empty(), Optional.empty(), subjects, purpose, types);
    }

    @Test
    void a_subjects_events_come_in_sequence_order_across_pages_and_nothing_else() {
        Mix mix = appendMix(1_800); // Anna: 1,200 events, more than a page, among 600 others

        List<AuditEvent> annas = select(of(List.of(mix.anna()), Optional.empty(), Set.of()));

        assertThat(annas).hasSize(1_200);
        assertThat(seqs(annas)).isSorted().containsExactlyElementsOf(expected(mix, e -> e.subjectId().equals(mix.anna().value())));
        assertThat(annas.getFirst()).isEqualTo(mix.appended().getFirst());
    }

    @Test
    void several_subjects_a_person_and_the_records_merged_into_them_come_as_one_list_in_sequence_order() {
        Mix mix = appendMix(60);

        List<AuditEvent> boAndChen = select(of(List.of(mix.bo(), mix.chen()), Optional.empty(), Set.of()));

        assertThat(seqs(boAndChen)).hasSize(20).containsExactlyElementsOf(expected(mix,
                e -> e.subjectId().equals(mix.bo().value()) || e.subjectId().equals(mix.chen().value())));
        assertThat(select(of(List.of(SubjectId.of("sub_nobody_" + unique())), Optional.empty(), Set.of()))).isEmpty();
    }

    @Test
    void a_purpose_selects_its_events_across_pages() {
        Mix mix = appendMix(2_400); // SMS: 1,028 events, spread over the whole chain part

        List<AuditEvent> sms = select(of(List.of(), Optional.of(mix.sms()), Set.of()));

        assertThat(seqs(sms)).hasSizeGreaterThan(1_000).containsExactlyElementsOf(expected(mix, e -> mix.sms().value().equals(e.purpose())));
    }

    @Test
    void types_within_a_time_window_and_every_condition_at_once() {
        Mix mix = appendMix(90);
        Instant from = mix.start().plusSeconds(10);
        Instant to = mix.start().plusSeconds(70);
        AuditSelection window = AuditSelection.between(Optional.of(from), Optional.of(to));
        AuditSelection preferencesInWindow = new AuditSelection(Optional.of(from), Optional.of(to), List.of(), Optional.empty(),
                Set.of(AuditEventType.PREFERENCES_UPDATED));
        AuditSelection bothTypes = new AuditSelection(Optional.of(from), Optional.of(to), List.of(), Optional.empty(),
                Set.of(AuditEventType.PREFERENCES_UPDATED, AuditEventType.CONSENT_RECORDED));
        AuditSelection everything = new AuditSelection(Optional.of(from), Optional.of(to), List.of(mix.anna(), mix.chen()),
                Optional.of(mix.email()), Set.of(AuditEventType.CONSENT_RECORDED));

        assertThat(seqs(select(window))).containsExactlyElementsOf(expected(mix, window::matches)).hasSize(60);
        assertThat(seqs(select(preferencesInWindow))).hasSize(8)
                .containsExactlyElementsOf(expected(mix, e -> e.type() == AuditEventType.PREFERENCES_UPDATED && window.matches(e)));
        assertThat(seqs(select(bothTypes))).containsExactlyElementsOf(expected(mix, window::matches));
        assertThat(seqs(select(new AuditSelection(Optional.of(from), Optional.of(to), List.of(), Optional.empty(),
                Set.of(AuditEventType.PREFERENCES_UPDATED, AuditEventType.SUBJECT_UPDATED))))).hasSize(8)
                .containsExactlyElementsOf(expected(mix, e -> e.type() == AuditEventType.PREFERENCES_UPDATED && window.matches(e)));
        assertThat(seqs(select(everything))).isNotEmpty().containsExactlyElementsOf(expected(mix, e -> window.matches(e)
                && e.type() == AuditEventType.CONSENT_RECORDED && mix.email().value().equals(e.purpose())
                && (e.subjectId().equals(mix.anna().value()) || e.subjectId().equals(mix.chen().value()))));
        assertThat(select(new AuditSelection(Optional.of(from), Optional.of(to), List.of(mix.bo()), Optional.of(mix.sms()),
                Set.of(AuditEventType.API_KEY_CREATED)))).isEmpty();
    }

    /**
     * Times are taken before the chain's head lock, so a later event may carry an earlier time: a
     * time range holds exactly the events recorded in it, whatever their place in the chain.
     */
    @Test
    void a_time_range_holds_exactly_the_events_recorded_in_it_even_out_of_sequence_order() {
        Instant w = window();
        SubjectId subject = SubjectId.of("sub_late_" + unique());
        List<AuditEvent> appended = new ArrayList<>();
        for (long offset : new long[] {10, 100, 20, -50, 30, 60, 0, 5}) {
            Instant at = w.plusSeconds(offset);
            appended.add(trail().append(AuditDraft.of(AuditEventType.PREFERENCES_UPDATED, subject.value(), null, null, at, at,
                    "key:test", "web", null, null, Map.of())));
        }
        AuditSelection minute = AuditSelection.between(Optional.of(w), Optional.of(w.plusSeconds(60)));
        List<Long> expected = List.of(appended.get(0).seq(), appended.get(2).seq(), appended.get(4).seq(), appended.get(6).seq(),
                appended.get(7).seq());

        assertThat(seqs(select(minute))).containsExactlyElementsOf(expected);
        assertThat(seqs(select(new AuditSelection(Optional.of(w), Optional.of(w.plusSeconds(60)), List.of(subject), Optional.empty(),
                Set.of())))).containsExactlyElementsOf(expected);
        assertThat(select(AuditSelection.between(Optional.of(w.plusSeconds(200)), Optional.of(w.plusSeconds(300))))).isEmpty();
        assertThat(seqs(select(AuditSelection.between(Optional.of(w.plusSeconds(60)), Optional.empty()))))
                .startsWith(appended.get(1).seq(), appended.get(5).seq());
    }

    /**
     * Events are recorded to the millisecond; a bound may be finer (an auditor's tool sending
     * microseconds). An event at 10:00:00.000 is before a {@code to} of 10:00:00.0005 and must be
     * selected, as {@link AuditSelection#matches} says: a trail comparing the bound truncated to the
     * millisecond would leave it out.
     */
    @Test
    void a_bound_finer_than_a_millisecond_selects_as_matches_says() {
        Instant w = window();
        SubjectId subject = SubjectId.of("sub_fine_" + unique());
        List<AuditEvent> appended = new ArrayList<>();
        for (long offset : new long[] {0, 1}) {
            Instant at = w.plusSeconds(offset);
            appended.add(trail().append(AuditDraft.of(AuditEventType.PREFERENCES_UPDATED, subject.value(), null, null, at, at,
                    "key:test", "web", null, null, Map.of())));
        }
        Instant halfAMillisecondAfterTheLast = w.plusSeconds(1).plusNanos(500_000);
        Instant halfAMillisecondAfterTheFirst = w.plusNanos(500_000);

        assertThat(seqs(select(AuditSelection.between(Optional.of(w), Optional.of(halfAMillisecondAfterTheLast)))))
                .containsExactly(appended.get(0).seq(), appended.get(1).seq());
        assertThat(seqs(select(AuditSelection.between(Optional.of(halfAMillisecondAfterTheFirst), Optional.of(halfAMillisecondAfterTheLast)))))
                .containsExactly(appended.get(1).seq());
    }

    @Test
    void what_is_selected_is_exactly_what_the_selection_matches() {
        Mix mix = appendMix(40);
        AuditSelection annasSms = new AuditSelection(Optional.of(mix.start()), Optional.empty(), List.of(mix.anna()), Optional.of(mix.sms()),
                Set.of());

        List<AuditEvent> selected = select(annasSms);

        assertThat(selected).isNotEmpty().allMatch(annasSms::matches);
        assertThat(selected).containsExactlyElementsOf(mix.appended().stream().filter(annasSms::matches).toList());
    }
}
