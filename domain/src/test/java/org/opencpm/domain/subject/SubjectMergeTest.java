package org.opencpm.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.purpose.PurposeCode;

class SubjectMergeTest {

    private static final Instant T0 = Instant.parse("2031-03-01T00:00:00Z");
    private static final PurposeCode SMS = PurposeCode.of("marketing-sms");
    private static final PurposeCode EMAIL = PurposeCode.of("marketing-email");
    private static final PurposeCode ANALYTICS = PurposeCode.of("analytics");

    private final Subject into = new Subject(SubjectId.of("sub_into"), Optional.empty(), false, 7, T0);
    private final Subject from = new Subject(SubjectId.of("sub_from"), Optional.of(LocalDate.of(2015, 5, 1)), false, 3, T0);

    private static Consent consent(Subject s, PurposeCode purpose, ConsentState state, Instant at, long version) {
        boolean granted = state == ConsentState.GRANTED;
        return Consent.restore(s.id(), purpose, state, version, at, granted ? Optional.of(at) : Optional.empty(), Optional.empty(),
                granted ? Optional.of(new NoticeStamp(NoticeRef.of("privacy", "2031-01"), ContentHash.of("text"), 1)) : Optional.empty(),
                Optional.empty(), CollectionChannel.STORE, ConsentMethod.SIGNATURE);
    }

    @Test
    void for_each_purpose_the_consent_with_the_newer_latest_event_is_in_force() {
        Map<PurposeCode, Consent> ours = Map.of(
                SMS, consent(into, SMS, ConsentState.GRANTED, T0.plusSeconds(10), 5),
                EMAIL, consent(into, EMAIL, ConsentState.WITHDRAWN, T0.plusSeconds(50), 6));
        Map<PurposeCode, Consent> theirs = Map.of(
                SMS, consent(from, SMS, ConsentState.WITHDRAWN, T0.plusSeconds(20), 2),   // newer: carried
                EMAIL, consent(from, EMAIL, ConsentState.GRANTED, T0.plusSeconds(40), 3),  // older: into's stays
                ANALYTICS, consent(from, ANALYTICS, ConsentState.GRANTED, T0, 1));          // into has none: carried

        SubjectMerge merge = SubjectMerge.of(into, ours, from, theirs);

        assertThat(merge.purposesCarried()).containsExactly(ANALYTICS, SMS);
        Consent sms = merge.carried().get(1);
        assertThat(sms.subject()).isEqualTo(into.id());
        assertThat(sms.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(sms.changedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(sms.channel()).isEqualTo(CollectionChannel.STORE);
        Consent analytics = merge.carried().get(0);
        assertThat(analytics.notice()).isEqualTo(theirs.get(ANALYTICS).notice());
        assertThat(analytics.grantedAt()).contains(T0);
    }

    @Test
    void every_carried_consent_gets_a_version_of_its_own_and_the_merge_one_more() {
        SubjectMerge merge = SubjectMerge.of(into, Map.of(), from, Map.of(
                SMS, consent(from, SMS, ConsentState.GRANTED, T0, 2),
                EMAIL, consent(from, EMAIL, ConsentState.DENIED, T0, 3)));

        assertThat(merge.carried()).extracting(Consent::version).containsExactly(8L, 9L);
        assertThat(merge.version()).isEqualTo(10);
        assertThat(merge.merged().id()).isEqualTo(into.id());
    }

    @Test
    void between_equal_instants_into_keeps_its_own() {
        SubjectMerge merge = SubjectMerge.of(into, Map.of(SMS, consent(into, SMS, ConsentState.GRANTED, T0, 5)),
                from, Map.of(SMS, consent(from, SMS, ConsentState.WITHDRAWN, T0, 2)));

        assertThat(merge.carried()).isEmpty();
        assertThat(merge.version()).isEqualTo(into.version() + 1);
    }

    @Test
    void age_facts_are_joined_protectively() {
        Subject declaredMinor = new Subject(SubjectId.of("sub_minor"), Optional.empty(), true, 1, T0);

        assertThat(SubjectMerge.of(into, Map.of(), from, Map.of()).merged().birthDate()).isEqualTo(from.birthDate());
        assertThat(SubjectMerge.of(into, Map.of(), declaredMinor, Map.of()).merged().declaredMinor()).isTrue();
        assertThat(SubjectMerge.of(declaredMinor, Map.of(), into, Map.of()).merged().declaredMinor()).isTrue();
    }

    @Test
    void a_subject_cannot_absorb_itself() {
        assertThatThrownBy(() -> SubjectMerge.of(into, Map.of(), into, Map.of())).isInstanceOf(InvalidValueException.class);
    }
}
