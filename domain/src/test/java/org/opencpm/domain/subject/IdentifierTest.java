package org.opencpm.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

class IdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+86 138-0013-8000", "+8613800138000", "0086 138 0013 8000",
            "(+86) 138 0013 8000", "86 13800138000", "138.0013.8000", "１３８００１３８０００", "＋86 13800138000",
            " 13800138000 ", "+86-013800138000"})
    void a_mainland_mobile_written_any_common_way_is_one_number(String written) {
        assertThat(Identifier.phone(written)).isEqualTo(Identifier.phone("13800138000"));
        assertThat(Identifier.phone(written).value()).isEqualTo("+8613800138000");
    }

    @Test
    void landlines_and_foreign_numbers_normalise_to_e164() {
        assertThat(Identifier.phone("010-12345678").value()).isEqualTo("+861012345678");
        assertThat(Identifier.phone("+86 10 1234 5678").value()).isEqualTo("+861012345678");
        assertThat(Identifier.phone("0755-1234567").value()).isEqualTo("+867551234567");
        assertThat(Identifier.phone("+852 9123 4567").value()).isEqualTo("+85291234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1380013800", "23800138000", "+86 123", "138-0013-8000x1", "phone", "++8613800138000", "+"})
    void what_is_not_a_phone_number_is_refused_with_the_field_named(String written) {
        assertThatThrownBy(() -> Identifier.of(IdentifierType.PHONE, written, null, "subject.identifiers[0]"))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("subject.identifiers[0].value"));
    }

    @Test
    void emails_are_case_folded_and_trimmed() {
        assertThat(Identifier.email(" Li.Lei@Example.COM ")).isEqualTo(Identifier.email("li.lei@example.com"));
        assertThatThrownBy(() -> Identifier.email("not-an-email")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Identifier.email("a@b@c.cn")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void openids_are_scoped_by_app_and_case_sensitive() {
        Identifier inAppA = Identifier.wechatOpenid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx1234");
        Identifier inAppB = Identifier.wechatOpenid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx9999");
        assertThat(inAppA).isNotEqualTo(inAppB);
        assertThat(inAppA.canonical()).isEqualTo("wechat_openid:wx1234:o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(Identifier.wechatOpenid("O6_BMJRPTLM6_2SGVT7HMZOPFL2M", "wx1234")).isNotEqualTo(inAppA);
        assertThatThrownBy(() -> Identifier.of(IdentifierType.WECHAT_OPENID, "o6_x", null, "id"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("needs a scope");
        assertThatThrownBy(() -> Identifier.of(IdentifierType.PHONE, "13800138000", "wx1", "id"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("takes no scope");
    }

    @Test
    void uuid_shaped_device_ids_are_case_folded() {
        assertThat(Identifier.of(IdentifierType.DEVICE_ID, "6D92078A-8246-4BA4-AE5B-76104861E7DC"))
                .isEqualTo(Identifier.of(IdentifierType.DEVICE_ID, "6d92078a-8246-4ba4-ae5b-76104861e7dc"));
    }

    @Test
    void an_identifier_never_shows_its_value_when_printed() {
        assertThat(Identifier.phone("13800138000").toString()).doesNotContain("138").contains("phone");
    }

    @Test
    void identifier_type_codes_are_those_of_the_api() {
        assertThat(IdentifierType.values()).extracting(IdentifierType::code).containsExactly("phone", "email",
                "wechat_openid", "wechat_unionid", "douyin_openid", "tmall_ouid", "crm_id", "member_id", "device_id");
    }
}
