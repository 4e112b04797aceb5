package org.opencpm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.purpose.LocalizedText;
import org.opencpm.domain.purpose.Recipient;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;

/**
 * Identifiers and names are refused with control characters in them — at the root, whichever
 * adapter the value came through — instead of being stripped into someone else's identifier.
 */
class ControlCharactersTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b[2J", "\r", "\n", "\t", "\u007f", "\u0085", "\u2028", "\ud800"})
    void an_identifier_with_a_control_character_is_refused_not_stripped(String control) {
        for (IdentifierType type : new IdentifierType[] {IdentifierType.CRM_ID, IdentifierType.MEMBER_ID, IdentifierType.DEVICE_ID}) {
            assertThatThrownBy(() -> Identifier.of(type, "crm-1001" + control, null, "subject.identifiers[0]"))
                    .as(type + " " + control.codePointAt(0))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("subject.identifiers[0].value");
        }
        assertThatThrownBy(() -> Identifier.email("a" + control + "b@example.com")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Identifier.phone("13800138000" + control)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b", "\r", "\n"})
    void names_are_one_line_of_text(String control) {
        assertThatThrownBy(() -> LocalizedText.of("zh", "营销" + control + "短信")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> LocalizedText.of("zh" + control, "营销短信")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Recipient("Acme" + control, "a@acme.cn", "CN", null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Evidence(CollectionChannel.WEB, ConsentMethod.CHECKBOX, Optional.empty(),
                Optional.of("Mozilla" + control), Optional.empty(), Optional.empty())).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b", "\u0007", "\ud800"})
    void free_text_keeps_line_breaks_but_not_other_control_characters(String control) {
        assertThat(Checks.text("第一行\r\n第二行\t完", "content")).isEqualTo("第一行\r\n第二行\t完");
        assertThatThrownBy(() -> Checks.text("第一行" + control, "content")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("content");
        assertThat(Checks.singleLine("张三 😀", "name")).isEqualTo("张三 😀");
        assertThat(new LocalizedText(Map.of("zh", "营销短信")).in("zh")).contains("营销短信");
    }
}
