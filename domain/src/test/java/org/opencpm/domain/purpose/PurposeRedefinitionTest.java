package org.opencpm.domain.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.grantedConsent;
import static org.opencpm.domain.Fixtures.privacyPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.decision.DecisionPolicy;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;

/**
 * PIPL Art. 14 ¶2: a change of the purpose, the way of processing or the kinds of personal
 * information needs new consent — whether it comes as a new notice or as a redefined purpose.
 */
class PurposeRedefinitionTest {

    private static final Recipient PARTNER = new Recipient("Partner Co.", "dpo@partner.cn", "CN", "joint marketing");
    private static final Recipient HQ = new Recipient("HQ GmbH", "privacy@hq.de", "DE", "analytics");
    private final Purpose before = aPurpose("member-offers").recipient(PARTNER).build();
    private final Instant redefinedAt = DAY_ONE.plus(Duration.ofDays(1));

    private List<String> changes(Purpose.Builder after) {
        return PurposeRedefinition.materialChanges(before, after.build());
    }

    @Test
    @DisplayName("a consent granted before the material redefinition is outdated; one granted at it or after is not")
    void outdated_is_granted_strictly_before_the_redefinition() {
        Purpose redefined = before.materiallyRedefinedAt(Optional.of(redefinedAt));
        long at = redefinedAt.toEpochMilli();
        assertThat(PurposeRedefinition.outdates(redefined, at - 1)).isTrue();
        assertThat(PurposeRedefinition.outdates(redefined, at)).isFalse();
        assertThat(PurposeRedefinition.outdates(before, at - 1)).isFalse();
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2, 23, 28, 39: new data elements, new recipients, made sensitive or cross-border are material")
    void what_is_material() {
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER).dataElement(DataElement.named("email"))))
                .containsExactly("new data element 'email'");
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER)
                .recipient(new Recipient("Acme", "dpo@acme.cn", "CN", "offers"))))
                .containsExactly("new recipient 'Acme' (CN)");
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER).sensitive(true))).containsExactly("made sensitive");
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER).recipient(HQ).crossBorder(true)
                .transferMechanism(TransferMechanism.STANDARD_CONTRACT)))
                .containsExactly("new recipient 'HQ GmbH' (DE)", "made cross-border");
        assertThat(changes(Purpose.builder("member-offers").category(PurposeCategory.MARKETING).recipient(PARTNER)
                .dataElement(new DataElement("phone", DataCategory.CONTACT, SensitivityGrade.SENSITIVE)).sensitive(true)))
                .containsExactly("data element 'phone' graded sensitive", "made sensitive");
        assertThat(changes(aPurpose("member-offers").recipient(new Recipient("Partner Co.", "dpo@partner.cn", "CN", "profiling"))))
                .containsExactly("recipient 'Partner Co.' (CN) processes by 'profiling'");
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER).category(PurposeCategory.ANALYTICS)))
                .containsExactly("category analytics");
    }

    @Test
    void what_is_not_material() {
        assertThat(changes(aPurpose("member-offers").recipient(PARTNER).name("en", "Member offers").description("Offers")
                .retentionDays(30).validityDays(365).doubleOptIn(true))).isEmpty();
        assertThat(changes(Purpose.builder("member-offers").category(PurposeCategory.MARKETING).recipient(
                new Recipient("partner co.", "new-dpo@partner.cn", "CN", "joint marketing")))).isEmpty();
    }

    @Test
    void a_material_redefinition_is_stamped_and_a_cosmetic_one_keeps_the_stamp() {
        Purpose first = PurposeRedefinition.stamp(Optional.empty(), before, DAY_ONE);
        assertThat(first.materiallyRedefinedAt()).isEmpty();
        Purpose material = PurposeRedefinition.stamp(Optional.of(first),
                aPurpose("member-offers").recipient(PARTNER).dataElement(DataElement.named("email")).build(), redefinedAt);
        assertThat(material.materiallyRedefinedAt()).contains(redefinedAt);
        Purpose cosmetic = PurposeRedefinition.stamp(Optional.of(material),
                aPurpose("member-offers").recipient(PARTNER).dataElement(DataElement.named("email")).description("now with e-mail").build(),
                redefinedAt.plusSeconds(60));
        assertThat(cosmetic.materiallyRedefinedAt()).contains(redefinedAt);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a consent given before a material redefinition denies with purpose_redefined until re-consent")
    void a_consent_to_the_old_definition_is_outdated() {
        Notice policy = privacyPolicy(before);
        Consent old = grantedConsent(anAdult(), before, policy, DAY_ONE);
        Purpose redefined = PurposeRedefinition.stamp(Optional.of(before),
                aPurpose("member-offers").recipient(PARTNER).dataElement(DataElement.named("email")).build(), redefinedAt);
        Instant now = redefinedAt.plusSeconds(3600);

        assertThat(decide(redefined, old, policy, now)).isEqualTo(new Decision(false, Reason.PURPOSE_REDEFINED));
        assertThat(decide(before, old, policy, now)).isEqualTo(new Decision(true, Reason.GRANTED));
        Consent renewed = grantedConsent(anAdult(), redefined, policy, redefinedAt.plusSeconds(60));
        assertThat(decide(redefined, renewed, policy, now)).isEqualTo(new Decision(true, Reason.GRANTED));
    }

    private static Decision decide(Purpose purpose, Consent consent, Notice policy, Instant now) {
        return DecisionPolicy.decide(purpose, Optional.of(consent), false, Preferences.none(), MaterialChanges.of(List.of(policy)),
                UsageRequest.ANY, now);
    }
}
