package org.opencpm.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Review (h-review): unsubscribe replies and keyword lists that the existing tests do not try. */
class ReviewUnsubscribeKeywordsTest {

    @Test
    @DisplayName("A keyword list typed with full-width commas (T，TD，退订) either works or stops the start — never silently matches nothing")
    void full_width_commas_in_the_keyword_list() {
        ConnectorConfig typedInChinese = ConnectorConfig.of(Map.of(UnsubscribeKeywords.KEY, "T，TD，退订"));
        UnsubscribeKeywords keywords;
        try {
            keywords = UnsubscribeKeywords.of(typedInChinese);
        } catch (IllegalStateException refusedAtStart) {
            return; // acceptable: the operator is told
        }
        assertThat(List.of("T", "TD", "退订")).as("every 退订 reply is ignored, with no error anywhere")
                .allSatisfy(reply -> assertThat(keywords.unsubscribes(reply)).as(reply).isTrue());
    }

    @Test
    @DisplayName("Keywords wrapped in brackets or quotes, or ending in ~, still unsubscribe (only trailing punctuation is dropped today)")
    void wrapped_keywords_unsubscribe() {
        UnsubscribeKeywords defaults = UnsubscribeKeywords.of(ConnectorConfig.of(Map.of()));
        assertThat(List.of("【退订】", "“TD”", "\"TD\"", "退订~", "(TD)", "TD\u200b"))
                .allSatisfy(reply -> assertThat(defaults.unsubscribes(reply)).as(reply).isTrue());
    }
}
