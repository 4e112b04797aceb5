package org.opencpm.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.CrossBorderTransferPolicy;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.DataCategory;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.InvalidPurposeDefinitionException;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.purpose.Recipient;
import org.opencpm.domain.purpose.SensitivityGrade;
import org.opencpm.domain.purpose.TransferMechanism;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The rules that used to leak (issue 12), through the use cases on the in-memory OpenCPM. */
class LeakingRulesTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS);

    private Reason decide(PurposeCode purpose) {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), purpose, UsageRequest.ANY)).decision().reason();
    }

    @Test
    @DisplayName("PIPL Art. 14: an implied grant (live or imported) is recorded with its method, and allows nothing until an explicit act")
    void an_implied_grant_is_recorded_but_allows_nothing() {
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).through(CollectionChannel.IMPORT, ConsentMethod.IMPLIED).build());
        assertThat(cpm.consentStore.all().values()).singleElement().satisfies(byPurpose ->
                assertThat(byPurpose.get(MARKETING_SMS.code()).method()).isEqualTo(ConsentMethod.IMPLIED));
        assertThat(decide(MARKETING_SMS.code())).isEqualTo(Reason.IMPLIED_CONSENT);

        cpm.clock.advance(java.time.Duration.ofMinutes(1));
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        assertThat(decide(MARKETING_SMS.code())).isEqualTo(Reason.GRANTED);
    }

    @Test
    @DisplayName("PIPL Art. 28: defining a purpose with a face declared general is refused and writes nothing")
    void a_sensitive_element_declared_general_is_refused() {
        int events = cpm.auditTrail.all().size();
        Purpose face = Purpose.builder("face-login").name("zh", "刷脸登录").category(PurposeCategory.SERVICE)
                .dataElement(new DataElement("face", DataCategory.BIOMETRIC, SensitivityGrade.GENERAL)).build();
        assertThatThrownBy(() -> cpm.purposes.define(new DefinePurposeCommand(face, InMemoryOpenCpm.ADMIN)))
                .isInstanceOf(InvalidPurposeDefinitionException.class).hasMessageContaining("'face'");
        assertThat(cpm.purposes.find(face.code())).isEmpty();
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    private static Purpose.Builder abroad(String code) {
        return Purpose.builder(code).name("zh", "总部分析").category(PurposeCategory.ANALYTICS).crossBorder(true)
                .dataElement(DataElement.named("purchase_history"))
                .recipient(new Recipient("HQ GmbH", "privacy@hq.example", "DE", "analytics"));
    }

    @Test
    @DisplayName("PIPL Art. 38: the purpose audit event records the transfer mechanism; a grant without one is refused and writes nothing")
    void a_cross_border_purpose_records_its_mechanism_and_refuses_grants_without() {
        Purpose with = abroad("hq-analytics").transferMechanism(TransferMechanism.SECURITY_ASSESSMENT).build();
        Purpose without = abroad("hq-reports").build();
        cpm.withPurposes(with, without);
        assertThat(cpm.auditTrail.all()).filteredOn(e -> e.type() == AuditEventType.PURPOSE_DEFINED)
                .extracting(e -> e.details().get("transferMechanism")).contains("security_assessment");
        Notice abroadNotice = cpm.publish("abroad", "1", false, with, without);

        cpm.recordConsent.record(aGrant().of(with).on(abroadNotice).build());
        assertThat(decide(with.code())).isEqualTo(Reason.GRANTED);

        int events = cpm.auditTrail.all().size();
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(without).on(abroadNotice).build()))
                .isInstanceOf(CrossBorderTransferPolicy.TransferMechanismRequiredException.class);
        assertThat(cpm.auditTrail.all()).hasSize(events);
        assertThat(decide(without.code())).isEqualTo(Reason.NO_CONSENT);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a material redefinition of a purpose is audited with what changed and denies earlier consents until re-consent")
    void a_material_redefinition_outdates_earlier_consents() {
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        cpm.clock.advance(java.time.Duration.ofMinutes(1));
        Purpose cosmetic = Purpose.builder("marketing-sms").name("zh", "营销短信（新）").category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone")).validityDays(730).build();
        cpm.purposes.define(new DefinePurposeCommand(cosmetic, InMemoryOpenCpm.ADMIN));
        assertThat(decide(MARKETING_SMS.code())).isEqualTo(Reason.GRANTED);

        cpm.clock.advance(java.time.Duration.ofMinutes(1));
        Purpose withEmail = Purpose.builder("marketing-sms").name("zh", "营销短信（新）").category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone")).dataElement(DataElement.named("email")).validityDays(730).build();
        Purpose stored = cpm.purposes.define(new DefinePurposeCommand(withEmail, InMemoryOpenCpm.ADMIN)).purpose();
        assertThat(stored.materiallyRedefinedAt()).contains(cpm.clock.now());
        assertThat(cpm.auditTrail.all().get(cpm.auditTrail.all().size() - 1).details())
                .containsEntry("change", "redefined").containsEntry("materialChanges", "new data element 'email'");
        assertThat(decide(MARKETING_SMS.code())).isEqualTo(Reason.PURPOSE_REDEFINED);

        cpm.clock.advance(java.time.Duration.ofMinutes(1));
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        assertThat(decide(MARKETING_SMS.code())).isEqualTo(Reason.GRANTED);
    }
}
