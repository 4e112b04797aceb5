package org.opencpm.adapters.persistence.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencpm.domain.purpose.SensitivityGrade;

/** Purposes stored before a field existed still load (the body is JSON; missing members read as absent). */
class PurposeMapperTest {

    /** A cross-border purpose with a face declared general, as a release before issue 12 stored it. */
    private static final String STORED_BEFORE_ISSUE_12 = """
            {"category":"analytics","crossBorder":true,"dataElements":[{"category":"biometric","grade":"general","name":"face"}],\
            "doubleOptIn":false,"legalBasis":"consent","name":{"zh":"总部分析"},"necessary":false,\
            "recipients":[{"contact":"privacy@hq.example","country":"DE","name":"HQ GmbH"}],"sensitive":false,"separateConsent":false}""";

    @Test
    void a_purpose_stored_before_issue_12_still_loads() {
        var purpose = PurposeMapper.toPurpose(new PurposeJpaEntity("hq-analytics", STORED_BEFORE_ISSUE_12));
        assertThat(purpose.crossBorder()).isTrue();
        assertThat(purpose.transferMechanism()).isEmpty();
        assertThat(purpose.dataElements().get(0).grade()).isEqualTo(SensitivityGrade.GENERAL);
        assertThat(PurposeMapper.body(purpose)).isEqualTo(STORED_BEFORE_ISSUE_12);
    }
}
