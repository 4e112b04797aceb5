package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.ORDER_DELIVERY;
import static org.opencpm.testfixtures.Purposes.SHARE_WITH_TMALL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.AudienceMember;
import org.opencpm.application.port.in.AudienceQuery;
import org.opencpm.application.port.in.AudienceVerdict;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DecisionResult;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class DecisionServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, ORDER_DELIVERY, SHARE_WITH_TMALL);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, SHARE_WITH_TMALL);

    private DecisionResult decide(SubjectLocator who, PurposeCode purpose, UsageRequest usage) {
        return cpm.decide.decide(new DecisionQuery(who, purpose, usage));
    }

    @Test
    void a_decision_by_subject_id_and_by_identifier_agree() {
        SubjectId subject = cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build()).receipts().get(0).subjectId();
        DecisionResult byId = decide(SubjectLocator.byId(subject), MARKETING_SMS.code(), UsageRequest.ANY);
        DecisionResult byPhone = decide(SubjectLocator.by(Identifier.phone("+86 13800138000")), MARKETING_SMS.code(), UsageRequest.ANY);
        assertThat(byId).isEqualTo(byPhone);
        assertThat(byId.subjectId()).contains(subject);
        assertThat(byId.decision().allowed()).isTrue();
    }

    @Test
    void someone_never_seen_is_an_unknown_subject() {
        DecisionResult result = decide(SubjectLocator.by(Identifier.phone("13900000000")), MARKETING_SMS.code(), UsageRequest.ANY);
        assertThat(result.decision().reason()).isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThat(result.subjectId()).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 13: decisions on another lawful basis need no consent and are logged")
    void decisions_on_another_lawful_basis_are_allowed_and_logged() {
        DecisionResult result = decide(SubjectLocator.by(Identifier.phone("13900000000")), ORDER_DELIVERY.code(),
                UsageRequest.on(ContactChannel.SMS));
        assertThat(result.decision().reason()).isEqualTo(Reason.LEGAL_BASIS);
        assertThat(cpm.decisionLog.decisions()).singleElement().satisfies(logged -> {
            assertThat(logged.purpose()).isEqualTo(ORDER_DELIVERY.code());
            assertThat(logged.channel()).contains("sms");
        });
    }

    @Test
    void an_undefined_purpose_is_an_error_not_a_silent_no() {
        assertThatThrownBy(() -> decide(SubjectLocator.by(PHONE), PurposeCode.of("typo-purpose"), UsageRequest.ANY))
                .isInstanceOf(UnknownPurposeException.class);
    }

    @Test
    @DisplayName("PIPL Art. 23: sharing with a recipient the consent did not name is denied")
    void sharing_only_with_named_recipients() {
        cpm.recordConsent.record(aGrant().of(SHARE_WITH_TMALL).on(policy).build());
        assertThat(decide(SubjectLocator.by(PHONE), SHARE_WITH_TMALL.code(), UsageRequest.ANY.forRecipient("Tmall")).decision().allowed())
                .isTrue();
        assertThat(decide(SubjectLocator.by(PHONE), SHARE_WITH_TMALL.code(), UsageRequest.ANY.forRecipient("Douyin")).decision().reason())
                .isEqualTo(Reason.RECIPIENT_NOT_COVERED);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a material notice version makes decisions deny until re-consent")
    void a_material_notice_change_denies_until_re_consent() {
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        Notice v2 = cpm.publish("privacy-policy", "2026-06", true, MARKETING_SMS);
        assertThat(decide(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY).decision().reason())
                .isEqualTo(Reason.NOTICE_OUTDATED);

        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(v2).build());
        assertThat(decide(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY).decision().reason())
                .isEqualTo(Reason.GRANTED);
    }

    @Test
    void an_audience_is_answered_line_by_line_in_order() {
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800000001")).of(MARKETING_SMS).on(policy).build());
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800000002")).of(MARKETING_SMS).on(policy).build());
        cpm.recordConsent.record(aWithdrawal().by(Identifier.phone("13800000002")).of(MARKETING_SMS).build());

        List<AudienceVerdict> verdicts = new ArrayList<>();
        long read = cpm.filterAudience.filter(new AudienceQuery(MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)),
                List.of(member("phone", "13800000001"), member("phone", "13800000002"), member("phone", "13800000003"),
                        member("phone", "not-a-phone"), member("fax", "123")).iterator(),
                verdicts::add);

        assertThat(read).isEqualTo(5);
        assertThat(verdicts).extracting(v -> v.decision().reason()).containsExactly(Reason.GRANTED, Reason.WITHDRAWN,
                Reason.UNKNOWN_SUBJECT, Reason.INVALID_IDENTIFIER, Reason.INVALID_IDENTIFIER);
        assertThat(verdicts).extracting(AudienceVerdict::line).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(verdicts.get(4).invalid()).hasValueSatisfying(why -> assertThat(why).contains("fax"));
    }

    private static AudienceMember member(String type, String value) {
        return new AudienceMember(type, value, Optional.empty());
    }
}
