package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.ORDER_DELIVERY;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The consenters a connector's reconciliation walks: exactly whom a decision for the purpose allows. */
class WalkConsentersServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION,
            ORDER_DELIVERY);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, MARKETING_EMAIL, PERSONALIZATION);

    private SubjectId grant(String phone, Purpose purpose) {
        return cpm.recordConsent.record(aGrant().by(Identifier.phone(phone)).of(purpose).on(policy).at(cpm.clock.now()).build())
                .receipts().get(0).subjectId();
    }

    private List<SubjectId> consenters(PurposeCode... purposes) {
        List<SubjectId> walked = new ArrayList<>();
        long given = cpm.consenters.forEachConsenter(Set.of(purposes), walked::add);
        assertThat(given).isEqualTo(walked.size());
        return walked;
    }

    @Test
    @DisplayName("Granted consents are walked; withdrawn ones, expired ones, pending ones and consents to other purposes are not")
    void only_consents_in_force_to_the_purpose_are_walked() {
        SubjectId old = grant("13800000001", MARKETING_SMS);
        cpm.clock.advance(Duration.ofDays(400));
        SubjectId recent = grant("13800000002", MARKETING_SMS);
        SubjectId withdrawn = grant("13800000003", MARKETING_SMS);
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.recordConsent.record(aWithdrawal().by(Identifier.phone("13800000003")).of(MARKETING_SMS).at(cpm.clock.now()).build());
        SubjectId otherPurpose = grant("13800000004", PERSONALIZATION);
        SubjectId pending = grant("13800000005", MARKETING_EMAIL); // double opt-in: pending until confirmed
        cpm.clock.advance(Duration.ofDays(400)); // the first grant is 800 days old: past MARKETING_SMS's 730 days

        assertThat(consenters(MARKETING_SMS.code())).containsExactly(recent).doesNotContain(old, withdrawn, otherPurpose);
        assertThat(consenters(MARKETING_EMAIL.code())).doesNotContain(pending).isEmpty();
    }

    @Test
    @DisplayName("A subject consenting to two of the purposes walked is given once")
    void a_subject_is_given_once_whatever_it_consented_to() {
        SubjectId both = grant("13800000001", MARKETING_SMS);
        grant("13800000001", PERSONALIZATION);
        SubjectId personalization = grant("13800000002", PERSONALIZATION);

        assertThat(consenters(MARKETING_SMS.code(), PERSONALIZATION.code())).containsExactlyInAnyOrder(both, personalization);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: consents outdated by a material notice change are not walked until given again")
    void a_material_notice_change_takes_its_consenters_out() {
        SubjectId before = grant("13800000001", MARKETING_SMS);
        Notice v2 = cpm.publish("privacy-policy", "2026-06", true, MARKETING_SMS);
        assertThat(consenters(MARKETING_SMS.code())).isEmpty();

        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800000001")).of(MARKETING_SMS).on(v2).at(cpm.clock.now()).build());
        assertThat(consenters(MARKETING_SMS.code())).containsExactly(before);
    }

    @Test
    @DisplayName("An undefined purpose fails the walk instead of answering an empty audience (which a reset would apply)")
    void an_undefined_purpose_fails() {
        grant("13800000001", MARKETING_SMS);
        assertThatThrownBy(() -> consenters(PurposeCode.of("marketing-smss"))).isInstanceOf(UnknownPurposeException.class);
        assertThatThrownBy(() -> cpm.consenters.purposes(Set.of(PurposeCode.of("marketing-smss"))))
                .isInstanceOf(UnknownPurposeException.class);
    }

    @Test
    void no_purpose_asked_means_every_defined_purpose() {
        assertThat(cpm.consenters.purposes(Set.of())).containsExactlyInAnyOrder(MARKETING_SMS.code(), MARKETING_EMAIL.code(),
                PERSONALIZATION.code(), ORDER_DELIVERY.code());
        assertThat(cpm.consenters.purposes(Set.of(MARKETING_SMS.code()))).containsExactly(MARKETING_SMS.code());
    }

    @Test
    @DisplayName("A purpose on another lawful basis allows every known subject, and the walk logs no decision")
    void another_lawful_basis_walks_everyone_without_logging() {
        SubjectId a = grant("13800000001", MARKETING_SMS);
        SubjectId b = grant("13800000002", PERSONALIZATION);

        assertThat(consenters(ORDER_DELIVERY.code())).containsExactlyInAnyOrder(a, b);
        assertThat(cpm.decisionLog.decisions()).isEmpty();
    }
}
