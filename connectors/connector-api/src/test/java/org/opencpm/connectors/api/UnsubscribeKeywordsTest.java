package org.opencpm.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnsubscribeKeywordsTest {

    private final UnsubscribeKeywords defaults = UnsubscribeKeywords.of(ConnectorConfig.of(Map.of()));

    @Test
    @DisplayName("MIIT Order 31: T, TD, 退订, N and R unsubscribe, whatever their case, width, blanks, punctuation, brackets or quotes around them")
    void the_default_keywords_unsubscribe_in_every_spelling() {
        assertThat(java.util.List.of("T", "TD", "退订", "N", "R", "td", " Td ", "ＴＤ", "ｔｄ", "TD。", "退订！", "r.", "TD!!", "\tT\n",
                        "【退订】", "“TD”", "\"TD\"", "退订~", "(TD)", "TD\u200b", "「退订」", "——退订"))
                .allSatisfy(reply -> assertThat(defaults.unsubscribes(reply)).as(reply).isTrue());
    }

    @Test
    @DisplayName("A reply that only contains a keyword, or is empty, does not unsubscribe")
    void a_reply_that_merely_contains_a_keyword_does_not_unsubscribe() {
        assertThat(java.util.List.of("TD shoes", "I want T-shirts", "TDD", "退订吗？不", "", "  ", "。", "YES"))
                .allSatisfy(reply -> assertThat(defaults.unsubscribes(reply)).as(reply).isFalse());
        assertThat(defaults.unsubscribes(null)).isFalse();
    }

    @Test
    @DisplayName("Configured keywords replace the defaults")
    void configured_keywords_replace_the_defaults() {
        UnsubscribeKeywords configured = UnsubscribeKeywords.of(ConnectorConfig.of(Map.of(UnsubscribeKeywords.KEY, "0000, 取消 ,stop")));
        assertThat(configured.unsubscribes("0000")).isTrue();
        assertThat(configured.unsubscribes("取消")).isTrue();
        assertThat(configured.unsubscribes("STOP")).isTrue();
        assertThat(configured.unsubscribes("TD")).isFalse();
        UnsubscribeKeywords typedInChinese = UnsubscribeKeywords.of(ConnectorConfig.of(Map.of(UnsubscribeKeywords.KEY, "T，TD、退订；取消")));
        assertThat(java.util.List.of("T", "TD", "退订", "取消")).as("full-width commas, 、 and ； separate keywords too")
                .allSatisfy(reply -> assertThat(typedInChinese.unsubscribes(reply)).as(reply).isTrue());
        assertThatThrownBy(() -> UnsubscribeKeywords.of(ConnectorConfig.of(Map.of(UnsubscribeKeywords.KEY, " , 。"))))
                .hasMessageContaining(UnsubscribeKeywords.KEY);
    }
}
