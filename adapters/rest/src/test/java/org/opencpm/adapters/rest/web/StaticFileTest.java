package org.opencpm.adapters.rest.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticFileTest {

    @Test
    void made_up_paths_leave_nothing_behind_and_a_real_file_is_kept_once() {
        int before = StaticFile.cached();
        for (int i = 0; i < 1_000; i++) {
            assertThat(StaticFile.load("assets/made-up-" + i + ".js")).isEmpty();
        }
        assertThat(StaticFile.cached()).as("a miss is not remembered: any visitor could grow the cache").isEqualTo(before);

        StaticFile first = StaticFile.load("assets/opencpm.css").orElseThrow();
        assertThat(StaticFile.load("assets/opencpm.css").orElseThrow()).as("read once, then kept").isSameAs(first);
        assertThat(StaticFile.cached()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void if_none_match_compares_weakly_takes_lists_and_the_star() {
        StaticFile file = StaticFile.load("assets/opencpm.css").orElseThrow();
        String tag = file.etag();
        assertThat(file.matches(tag)).isTrue();
        assertThat(file.matches("W/" + tag)).isTrue();
        assertThat(file.matches("\"other\", " + tag)).isTrue();
        assertThat(file.matches("*")).isTrue();
        assertThat(file.matches(null)).isFalse();
        assertThat(file.matches("\"other\"")).isFalse();
        assertThat(file.matches("")).isFalse();
    }
}
