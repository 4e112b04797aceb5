package org.opencpm.application.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.NoticeReconsent;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.ConsentEvents;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** Who must be asked again after a material notice version, as the console shows it (PIPL Art. 14 ¶2). */
class ReviewNoticesServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, HEALTH_ADVICE);
    private final ReviewNoticesService review = new ReviewNoticesService(cpm.ports);

    private SubjectId record(ConsentEvents event) {
        return cpm.recordConsent.record(event.build()).receipts().get(0).subjectId();
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a material version names the people whose consent in force is on an older version, for the purposes it covers")
    void a_material_version_finds_the_consents_given_on_older_versions_of_its_purposes() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, HEALTH_ADVICE);
        cpm.clock.advance(Duration.ofHours(1));
        SubjectId ana = record(aGrant().by(Identifier.phone("13800138201")).of(MARKETING_SMS).on(v1));
        SubjectId bo = record(aGrant().by(Identifier.phone("13800138202")).of(MARKETING_SMS).on(v1));
        record(aGrant().by(Identifier.phone("13800138202")).of(HEALTH_ADVICE).on(v1));
        record(aGrant().by(Identifier.phone("13800138203")).of(HEALTH_ADVICE).on(v1)); // health only: v3 does not cover it
        SubjectId gone = record(aGrant().by(Identifier.phone("13800138204")).of(MARKETING_SMS).on(v1));
        cpm.recordConsent.record(aWithdrawal().by(Identifier.phone("13800138204")).of(MARKETING_SMS).build()); // not in force
        cpm.clock.advance(Duration.ofHours(1));
        Notice v2 = cpm.publish("privacy-policy", "2", false, MARKETING_SMS, HEALTH_ADVICE);
        cpm.clock.advance(Duration.ofHours(1));
        record(aGrant().by(Identifier.phone("13800138205")).of(MARKETING_SMS).on(v2));
        cpm.clock.advance(Duration.ofHours(1));
        Notice v3 = cpm.publish("privacy-policy", "3", true, MARKETING_SMS);
        cpm.clock.advance(Duration.ofHours(1));
        record(aGrant().by(Identifier.phone("13800138206")).of(MARKETING_SMS).on(v3)); // on the new version: nothing to ask

        NoticeReconsent due = review.reconsent(v3.ref(), 100).orElseThrow();

        assertThat(due.people()).isEqualTo(3);
        assertThat(due.consents()).isEqualTo(3);
        assertThat(due.byShownVersion()).isEqualTo(Map.of("1", 2L, "2", 1L));
        assertThat(due.byPurpose()).isEqualTo(Map.of("marketing-sms", 3L));
        assertThat(due.subjects()).contains(ana, bo).doesNotContain(gone).hasSize(3);
        assertThat(due.subjects()).isSortedAccordingTo(java.util.Comparator.comparing(SubjectId::value));
        assertThat(due.truncated()).isFalse();
    }

    @Test
    void a_version_that_is_not_material_asks_nobody_again_and_an_unknown_one_is_empty() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofHours(1));
        record(aGrant().by(Identifier.phone("13800138211")).of(MARKETING_SMS).on(v1));
        Notice typo = cpm.publish("privacy-policy", "1.1", false, MARKETING_SMS);

        assertThat(review.reconsent(typo.ref(), 10).orElseThrow().people()).isZero();
        assertThat(review.reconsent(NoticeRef.of("privacy-policy", "9"), 10)).isEmpty();
        assertThat(review.reconsent(NoticeRef.of("other", "1"), 10)).isEmpty();
    }

    @Test
    void the_list_is_cut_at_the_limit_in_id_order_and_says_so() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            record(aGrant().by(Identifier.phone("1380013822" + i)).of(MARKETING_SMS).on(v1));
        }
        cpm.clock.advance(Duration.ofHours(1));
        Notice v2 = cpm.publish("privacy-policy", "2", true, MARKETING_SMS);

        NoticeReconsent all = review.reconsent(v2.ref(), 100).orElseThrow();
        NoticeReconsent two = review.reconsent(v2.ref(), 2).orElseThrow();

        assertThat(two.people()).isEqualTo(5);
        assertThat(two.subjects()).containsExactlyElementsOf(all.subjects().subList(0, 2));
        assertThat(two.truncated()).isTrue();
        assertThat(review.reconsent(v2.ref(), 0).orElseThrow().subjects()).as("clamped to at least one").hasSize(1);
    }

    @Test
    void versions_are_listed_by_code_then_in_publication_order() {
        cpm.publish("sms-terms", "b", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.publish("privacy-policy", "zeta", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.publish("privacy-policy", "alpha", true, MARKETING_SMS);
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.publish("sms-terms", "a", false, MARKETING_SMS);

        assertThat(review.versions()).extracting(n -> n.ref().toString())
                .containsExactly("privacy-policy@zeta", "privacy-policy@alpha", "sms-terms@b", "sms-terms@a");
    }
}
