package org.opencpm.application.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.ManagePurposesUseCase.Defined;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.PublishNoticeUseCase.Published;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.notice.NoticeVersionImmutableException;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** Purposes and notices: defined, published, audited, immutable where the law wants proof. */
class CatalogueTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();

    private Defined define(Purpose purpose) {
        return cpm.purposes.define(new DefinePurposeCommand(purpose, InMemoryOpenCpm.ADMIN));
    }

    private Published publish(String version, String text, PurposeCode... purposes) {
        return cpm.notices.publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", version), "zh-CN", "隐私政策",
                Optional.of(text), Optional.empty(), Set.of(purposes), false, InMemoryOpenCpm.ADMIN));
    }

    @Test
    void defining_a_purpose_is_audited_and_redefining_it_identically_is_not() {
        assertThat(define(MARKETING_SMS)).isEqualTo(new Defined(MARKETING_SMS, true, true));
        assertThat(define(MARKETING_SMS)).isEqualTo(new Defined(MARKETING_SMS, false, false));
        assertThat(cpm.auditTrail.all()).extracting(AuditEvent::type).containsExactly(AuditEventType.PURPOSE_DEFINED);
        assertThat(cpm.auditTrail.all().get(0).details()).containsEntry("legalBasis", "consent").containsEntry("dataElements",
                "phone:contact:general");
        assertThat(cpm.purposes.all()).containsExactly(MARKETING_SMS);
    }

    @Test
    void a_sensitive_purpose_is_audited_with_its_separate_consent_ground() {
        define(HEALTH_ADVICE);
        assertThat(cpm.auditTrail.all().get(0).details()).containsEntry("separateConsentGrounds", "sensitive_information");
    }

    @Test
    void a_notice_can_only_cover_defined_purposes() {
        assertThatThrownBy(() -> publish("1", "text", PurposeCode.of("undefined")))
                .isInstanceOf(UnknownPurposeException.class);
        assertThat(cpm.noticeStore.all()).isEmpty();
    }

    @Test
    void a_published_version_never_changes() {
        define(MARKETING_SMS);
        Published first = publish("2026-01", "我们会发送营销短信。", MARKETING_SMS.code());
        assertThat(first.created()).isTrue();
        assertThat(first.notice().revision()).isEqualTo(1);

        Published again = publish("2026-01", "我们会发送营销短信。", MARKETING_SMS.code());
        assertThat(again.created()).isFalse();
        assertThat(again.notice()).isEqualTo(first.notice());

        assertThatThrownBy(() -> publish("2026-01", "我们会发送更多营销短信。", MARKETING_SMS.code()))
                .isInstanceOf(NoticeVersionImmutableException.class);
        assertThat(publish("2026-02", "新版本", MARKETING_SMS.code()).notice().revision()).isEqualTo(2);
        assertThat(cpm.auditTrail.all()).extracting(AuditEvent::type).containsExactly(AuditEventType.PURPOSE_DEFINED,
                AuditEventType.NOTICE_PUBLISHED, AuditEventType.NOTICE_PUBLISHED);
    }
}
