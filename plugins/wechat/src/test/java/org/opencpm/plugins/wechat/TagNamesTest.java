package org.opencpm.plugins.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tag names fit WeChat's 30 bytes, stay the same everywhere, and stay apart. */
class TagNamesTest {

    @Test
    @DisplayName("A name that fits is kept as it is")
    void a_short_name_is_kept() {
        assertThat(TagIds.shortened("opencpm-marketing-wechat")).isEqualTo("opencpm-marketing-wechat");
    }

    @Test
    @DisplayName("A longer name keeps its start and ends in ~ and six hex digits of its SHA-256: at most 30 bytes, the same each time")
    void a_long_name_is_shortened_the_same_way_each_time() {
        String name = "opencpm-marketing-wechat-newsletter-weekly";
        String shortened = TagIds.shortened(name);
        assertThat(shortened.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(30);
        assertThat(shortened).startsWith("opencpm-marketing-wecha").matches(".*~[0-9a-f]{6}").isEqualTo(TagIds.shortened(name));
        assertThat(TagIds.shortened("opencpm-marketing-wechat-newsletter-daily")).isNotEqualTo(shortened);
    }

    @Test
    @DisplayName("Chinese names are measured in UTF-8 bytes and never cut inside a character")
    void multibyte_names_are_cut_between_characters() {
        String shortened = TagIds.shortened("营销-微信公众号-每周新闻通讯订阅者");
        assertThat(shortened.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(30);
        assertThat(shortened).startsWith("营销-微信").doesNotContain("\uFFFD");
    }
}
