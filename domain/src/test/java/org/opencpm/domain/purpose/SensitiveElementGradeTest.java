package org.opencpm.domain.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.aPurpose;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PIPL Art. 28 (GB/T 35273 Annex B): a standard sensitive element, or an element of a category
 * that is sensitive by nature, cannot be declared below its grade — or its purpose would escape
 * separate consent (Art. 29). Art. 28, 31: a minor's data is sensitive.
 */
class SensitiveElementGradeTest {

    private static Purpose declaring(DataElement element) {
        return aPurpose("declares-" + element.name()).dataElement(element).build();
    }

    @Test
    @DisplayName("PIPL Art. 28: a standard sensitive element (face, fingerprint, health, bank account, location track, ID card, religion) declared general is refused, naming it")
    void a_standard_sensitive_element_cannot_be_declared_general() {
        for (String name : new String[] {"face", "fingerprint", "iris", "health", "medical_record", "bank_account",
                "payment_account", "precise_location", "location_track", "id_card", "religion", "minor_information"}) {
            DataElement standard = DataElement.standard(name).orElseThrow();
            Purpose purpose = declaring(new DataElement(name, standard.category(), SensitivityGrade.GENERAL));
            assertThatThrownBy(purpose::checkDeclaredGrades).as(name)
                    .isInstanceOf(InvalidPurposeDefinitionException.class)
                    .hasMessageContaining("'" + name + "'")
                    .hasMessageContaining("PIPL Art. 28");
        }
    }

    @Test
    @DisplayName("PIPL Art. 28, 31: an element of a sensitive category (biometric, health, financial, a minor's data) cannot be declared general")
    void an_element_of_a_sensitive_category_cannot_be_declared_general() {
        for (DataCategory category : new DataCategory[] {DataCategory.BIOMETRIC, DataCategory.HEALTH, DataCategory.FINANCIAL,
                DataCategory.MINOR}) {
            Purpose purpose = declaring(new DataElement("custom-field", category, SensitivityGrade.GENERAL));
            assertThatThrownBy(purpose::checkDeclaredGrades).as(category.code())
                    .isInstanceOf(InvalidPurposeDefinitionException.class)
                    .hasMessageContaining("'custom-field'");
        }
    }

    @Test
    void a_grade_may_be_raised_never_lowered() {
        Purpose raised = aPurpose("raised").sensitive(true)
                .dataElement(new DataElement("phone", DataCategory.CONTACT, SensitivityGrade.SENSITIVE))
                .dataElement(new DataElement("face", DataCategory.BIOMETRIC, SensitivityGrade.IMPORTANT))
                .dataElement(new DataElement("shoe_size", DataCategory.PROFILE, SensitivityGrade.GENERAL)).build();
        assertThatCode(raised::checkDeclaredGrades).doesNotThrowAnyException();
        assertThat(DataElement.named("minor_information").grade()).isEqualTo(SensitivityGrade.SENSITIVE);
    }

    @Test
    @DisplayName("A purpose stored before the rule, with a sensitive element declared general, still loads")
    void a_purpose_stored_before_the_rule_still_loads() {
        assertThatCode(() -> declaring(new DataElement("face", DataCategory.BIOMETRIC, SensitivityGrade.GENERAL)))
                .doesNotThrowAnyException();
    }
}
