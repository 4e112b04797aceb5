package org.opencpm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void ids_of_later_milliseconds_sort_after_earlier_ones_as_text() {
        List<String> ids = new ArrayList<>();
        for (long ms = 1_764_900_000_000L; ms < 1_764_900_000_000L + 2000; ms += 7) {
            ids.add(TimeOrderedUuid.at(ms).toString());
        }
        assertThat(ids).isSorted();
    }

    @Test
    void they_are_version_7_uuids_with_random_bits_and_do_not_repeat() {
        HashSet<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = TimeOrderedUuid.at(1_764_900_000_000L);
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_764_900_000_000L);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
