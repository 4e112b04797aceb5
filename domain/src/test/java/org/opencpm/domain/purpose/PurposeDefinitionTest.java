package org.opencpm.domain.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.aPurpose;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

class PurposeDefinitionTest {

    @Test
    @DisplayName("PIPL Art. 23: a sharing purpose must name its recipients")
    void sharing_purpose_must_name_its_recipients() {
        assertThatThrownBy(() -> aPurpose("share").category(PurposeCategory.SHARING).build())
                .isInstanceOf(InvalidPurposeDefinitionException.class)
                .hasMessageContaining("must name each recipient");
    }

    @Test
    @DisplayName("PIPL Art. 39: a cross-border purpose names a recipient outside mainland China")
    void cross_border_purpose_needs_an_overseas_recipient() {
        assertThatThrownBy(() -> aPurpose("abroad").crossBorder(true)
                .recipient(new Recipient("Local Co.", "dpo@local.cn", "CN", "storage")).build())
                .isInstanceOf(InvalidPurposeDefinitionException.class)
                .hasMessageContaining("no recipient outside mainland China");
    }

    @Test
    @DisplayName("PIPL Art. 39: an overseas recipient makes the purpose cross-border")
    void overseas_recipient_on_a_purpose_not_marked_cross_border_is_refused() {
        assertThatThrownBy(() -> aPurpose("hk").recipient(new Recipient("HK Ltd", "dpo@hk.hk", "hk", "support")).build())
                .isInstanceOf(InvalidPurposeDefinitionException.class)
                .hasMessageContaining("is in HK, outside mainland China");
    }

    @Test
    @DisplayName("PIPL Art. 28: a purpose using a sensitive data element is marked sensitive")
    void sensitive_data_element_requires_a_sensitive_purpose() {
        assertThatThrownBy(() -> aPurpose("face-login").dataElement(DataElement.named("face")).build())
                .isInstanceOf(InvalidPurposeDefinitionException.class)
                .hasMessageContaining("'face'").hasMessageContaining("mark the purpose sensitive");
        assertThat(aPurpose("face-login").sensitive(true).dataElement(DataElement.named("face")).build().sensitive()).isTrue();
    }

    @Test
    @DisplayName("DSL Art. 21: data elements carry a category and a sensitivity grade")
    void data_elements_are_classified_and_graded() {
        assertThat(DataElement.named("phone")).isEqualTo(new DataElement("phone", DataCategory.CONTACT, SensitivityGrade.GENERAL));
        assertThat(DataElement.named("medical_record").grade()).isEqualTo(SensitivityGrade.SENSITIVE);
        assertThat(DataElement.named("loyalty_tier").category()).isEqualTo(DataCategory.OTHER);

        Purpose purpose = aPurpose("care").sensitive(true).dataElement(DataElement.named("health")).build();
        assertThat(purpose.highestGrade()).isEqualTo(SensitivityGrade.SENSITIVE);
    }

    @Test
    @DisplayName("PIPL Art. 13: every purpose declares one of the seven lawful bases")
    void every_purpose_declares_a_lawful_basis() {
        assertThat(LegalBasis.values()).extracting(LegalBasis::code).containsExactly("consent", "contract",
                "legal_obligation", "vital_interest", "public_interest", "news_reporting", "public_information");
        assertThatThrownBy(() -> org.opencpm.domain.Coded.parse(LegalBasis.class, "legitimate_interest", "legalBasis"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("legalBasis").hasMessageContaining("is not one of");
        assertThat(aPurpose("delivery").legalBasis(LegalBasis.CONTRACT).build().requiresConsent()).isFalse();
    }

    @Test
    void retention_and_validity_are_positive_days() {
        assertThatThrownBy(() -> aPurpose("x").validityDays(0).build()).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("validityDays");
        assertThat(aPurpose("x").validityDays(730).build().validity()).contains(java.time.Duration.ofDays(730));
    }

    @Test
    void purpose_codes_are_lower_case_slugs() {
        assertThat(PurposeCode.of("marketing-sms").value()).isEqualTo("marketing-sms");
        assertThatThrownBy(() -> PurposeCode.of("Marketing SMS")).isInstanceOf(InvalidValueException.class);
    }
}
