package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.crossBorder;
import static org.opencpm.domain.Fixtures.marketingSms;
import static org.opencpm.domain.Fixtures.publicDisclosure;
import static org.opencpm.domain.Fixtures.sensitiveHealth;
import static org.opencpm.domain.Fixtures.sharingWithPartner;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.SeparateConsentPolicy.Ground;
import org.opencpm.domain.purpose.Purpose;

class SeparateConsentPolicyTest {

    private final Purpose sms = marketingSms();

    @Test
    void ordinary_purposes_may_be_granted_together() {
        SeparateConsentPolicy.checkGrant(List.of(sms, aPurpose("newsletter").build()), ConsentMethod.CHECKBOX);
        assertThat(SeparateConsentPolicy.grounds(sms)).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 16, 28–29: a bundled grant cannot include a sensitive purpose")
    void bundled_grant_cannot_include_a_sensitive_purpose() {
        assertBundleRefused(sensitiveHealth(), Ground.SENSITIVE_INFORMATION, "PIPL Art. 29");
    }

    @Test
    @DisplayName("PIPL Art. 23: a bundled grant cannot include providing data to another processor")
    void bundled_grant_cannot_include_sharing_with_a_third_party() {
        assertBundleRefused(sharingWithPartner(), Ground.PROVISION_TO_OTHERS, "PIPL Art. 23");
    }

    @Test
    @DisplayName("PIPL Art. 25: a bundled grant cannot include making data public")
    void bundled_grant_cannot_include_public_disclosure() {
        assertBundleRefused(publicDisclosure(), Ground.PUBLIC_DISCLOSURE, "PIPL Art. 25");
    }

    @Test
    @DisplayName("PIPL Art. 39: a bundled grant cannot include a cross-border transfer")
    void bundled_grant_cannot_include_a_cross_border_purpose() {
        assertBundleRefused(crossBorder(), Ground.CROSS_BORDER, "PIPL Art. 39");
    }

    @Test
    void bundled_grant_cannot_include_a_purpose_declared_separate() {
        assertBundleRefused(aPurpose("vip-research").separateConsent(true).build(), Ground.DECLARED, "operator's choice");
    }

    private void assertBundleRefused(Purpose separate, Ground ground, String source) {
        assertThat(SeparateConsentPolicy.grounds(separate)).contains(ground);
        assertThatThrownBy(() -> SeparateConsentPolicy.checkGrant(List.of(sms, separate), ConsentMethod.CHECKBOX))
                .isInstanceOf(SeparateConsentPolicy.BundledConsentException.class)
                .hasMessageContaining(separate.code().value()).hasMessageContaining(source)
                .extracting("code").isEqualTo("separate-consent-required");
        SeparateConsentPolicy.checkGrant(List.of(separate), ConsentMethod.CHECKBOX);
    }

    @Test
    @DisplayName("PIPL Art. 28–29: sensitive purposes need a separate grant by an explicit act")
    void separate_consent_is_not_given_by_implied_or_imported_acts() {
        for (ConsentMethod method : List.of(ConsentMethod.IMPLIED, ConsentMethod.IMPORT)) {
            assertThatThrownBy(() -> SeparateConsentPolicy.checkGrant(List.of(sensitiveHealth()), method))
                    .isInstanceOf(SeparateConsentPolicy.ExplicitConsentRequiredException.class)
                    .extracting("code").isEqualTo("explicit-consent-required");
        }
        SeparateConsentPolicy.checkGrant(List.of(sms), ConsentMethod.IMPLIED);
    }
}
