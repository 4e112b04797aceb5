package org.opencpm.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factories take the platform's event id: the host records each event once by it, and refuses one without. */
class ConsentCommandTest {

    private static final List<SubjectIdentifier> PHONE = List.of(SubjectIdentifier.of(IdentifierType.PHONE, "+8613800138000"));
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void each_factory_carries_the_event_id_and_spells_channel_and_method_as_opencpm_does() {
        ConsentCommand withdrawal = ConsentCommand.withdraw("sms-1", PHONE, List.of("marketing-sms"), CollectionChannel.SMS,
                ConsentMethod.SMS_REPLY, "TD", AT);
        assertThat(withdrawal.idempotencyKey()).contains("sms-1");
        assertThat(withdrawal.action()).isEqualTo("withdraw");
        assertThat(withdrawal.channel()).isEqualTo("sms");
        assertThat(withdrawal.method()).isEqualTo("sms_reply");
        assertThat(withdrawal.identifiers().get(0).type()).isEqualTo("phone");

        ConsentCommand grant = ConsentCommand.grant("crm-7", PHONE, List.of("marketing-sms"), "privacy-policy", "2026-01",
                CollectionChannel.CRM, ConsentMethod.CHECKBOX, null, null);
        assertThat(grant.idempotencyKey()).contains("crm-7");
        assertThat(grant.noticeCode()).contains("privacy-policy");
        assertThat(grant.noticeVersion()).contains("2026-01");
        assertThat(grant.occurredAt()).as("null: when it is recorded").isEmpty();

        assertThat(ConsentCommand.deny("crm-8", PHONE, List.of("marketing-sms"), CollectionChannel.STORE, ConsentMethod.BUTTON, null, AT)
                .action()).isEqualTo("deny");
    }

    @Test
    void a_factory_refuses_a_missing_or_blank_event_id() {
        assertThatThrownBy(() -> ConsentCommand.withdraw(" ", PHONE, List.of("marketing-sms"), CollectionChannel.SMS, ConsentMethod.SMS_REPLY,
                "TD", AT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event id");
        assertThatThrownBy(() -> ConsentCommand.grant(null, PHONE, List.of("marketing-sms"), "privacy-policy", "1", CollectionChannel.APP,
                ConsentMethod.CHECKBOX, null, AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_scoped_identifier_keeps_its_scope() {
        SubjectIdentifier openid = SubjectIdentifier.scoped(IdentifierType.WECHAT_OPENID, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx123");
        assertThat(openid.type()).isEqualTo("wechat_openid");
        assertThat(openid.scope()).contains("wx123");
        assertThat(IdentifierType.WECHAT_OPENID.needsScope()).isTrue();
    }
}
