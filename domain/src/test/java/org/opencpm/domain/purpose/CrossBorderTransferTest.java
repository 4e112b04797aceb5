package org.opencpm.domain.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.privacyPolicy;
import static org.opencpm.domain.Fixtures.record;
import static org.opencpm.domain.Fixtures.request;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.CrossBorderTransferPolicy;
import org.opencpm.domain.notice.Notice;

/** PIPL Art. 38: personal information leaves mainland China only through a lawful transfer mechanism. */
class CrossBorderTransferTest {

    private static Purpose.Builder abroad(String code) {
        return aPurpose(code).category(PurposeCategory.ANALYTICS).crossBorder(true)
                .recipient(new Recipient("HQ GmbH", "privacy@hq.de", "DE", "analytics"));
    }

    @Test
    @DisplayName("PIPL Art. 38: a cross-border purpose records its transfer mechanism")
    void a_cross_border_purpose_records_its_mechanism() {
        Purpose purpose = abroad("hq-analytics").transferMechanism(TransferMechanism.STANDARD_CONTRACT).build();
        assertThat(purpose.transferMechanism()).contains(TransferMechanism.STANDARD_CONTRACT);
        assertThat(TransferMechanism.values()).extracting(TransferMechanism::code)
                .containsExactly("security_assessment", "standard_contract", "certification");
    }

    @Test
    void a_mechanism_on_a_purpose_that_sends_nothing_abroad_is_refused() {
        assertThatThrownBy(() -> aPurpose("local").transferMechanism(TransferMechanism.CERTIFICATION).build())
                .isInstanceOf(InvalidPurposeDefinitionException.class).hasMessageContaining("PIPL Art. 38");
    }

    @Test
    @DisplayName("PIPL Art. 38: a grant of a cross-border purpose without a transfer mechanism is refused; a withdrawal is not")
    void a_grant_without_a_mechanism_is_refused() {
        Purpose without = abroad("hq-analytics").build();
        Notice policy = privacyPolicy(without);
        assertThatThrownBy(() -> record(request(ConsentAction.GRANT, policy, DAY_ONE, without), anAdult()))
                .isInstanceOf(CrossBorderTransferPolicy.TransferMechanismRequiredException.class)
                .hasMessageContaining("hq-analytics").hasMessageContaining("PIPL Art. 38");
        assertThat(record(request(ConsentAction.WITHDRAW, null, DAY_ONE, without), anAdult()).consents().get(0).state())
                .isEqualTo(ConsentState.WITHDRAWN);

        Purpose with = abroad("hq-analytics").transferMechanism(TransferMechanism.SECURITY_ASSESSMENT).build();
        assertThat(record(request(ConsentAction.GRANT, privacyPolicy(with), DAY_ONE, with), anAdult()).consents().get(0).state())
                .isEqualTo(ConsentState.GRANTED);
    }
}
