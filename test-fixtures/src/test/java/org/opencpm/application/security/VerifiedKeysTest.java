package org.opencpm.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.StoredApiKey;

class VerifiedKeysTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final VerifiedKeys keys = new VerifiedKeys(Duration.ofSeconds(1));

    private static StoredApiKey key(String id) {
        return StoredApiKey.created(id, "CRM", "hash-of-" + id, Set.of(Role.INTEGRATOR), T0, Optional.empty());
    }

    @Test
    void a_row_answers_for_its_keep_time_and_not_a_moment_longer() {
        keys.keep(key("key_a"), T0, keys.mark());

        assertThat(keys.find("hash-of-key_a", T0.plusMillis(999))).map(StoredApiKey::id).contains("key_a");
        assertThat(keys.find("hash-of-key_a", T0.plusSeconds(1))).isEmpty();
        assertThat(keys.find("hash-of-key_a", T0)).as("gone once it was found stale").isEmpty();
    }

    @Test
    void a_clock_that_went_back_does_not_stretch_the_keep_time() {
        keys.keep(key("key_a"), T0, keys.mark());

        assertThat(keys.find("hash-of-key_a", T0.minusSeconds(30))).isEmpty();
    }

    @Test
    void a_forgotten_key_is_read_again_and_the_others_stay() {
        keys.keep(key("key_a"), T0, keys.mark());
        keys.keep(key("key_b"), T0, keys.mark());

        keys.forget("key_a");

        assertThat(keys.find("hash-of-key_a", T0)).isEmpty();
        assertThat(keys.find("hash-of-key_b", T0)).isPresent();
    }

    @Test
    void a_row_read_before_a_revocation_was_forgotten_is_not_kept_after_it() {
        long mark = keys.mark(); // a request starts reading the row
        keys.forget("key_a");    // meanwhile the revocation commits and forgets the key

        keys.keep(key("key_a"), T0, mark); // the request's read ends: the row it holds may be the old one

        assertThat(keys.find("hash-of-key_a", T0)).isEmpty();
    }

    @Test
    void nothing_is_kept_when_the_keep_time_is_zero_and_the_map_is_bounded() {
        VerifiedKeys none = new VerifiedKeys(Duration.ZERO);
        none.keep(key("key_a"), T0, none.mark());
        assertThat(none.find("hash-of-key_a", T0)).isEmpty();

        for (int i = 0; i <= VerifiedKeys.MAX_KEYS; i++) {
            keys.keep(key("key_" + i), T0, keys.mark());
        }
        assertThat(keys.find("hash-of-key_" + VerifiedKeys.MAX_KEYS, T0)).isPresent();
        assertThat(keys.find("hash-of-key_0", T0)).as("dropped when the map was full").isEmpty();
        assertThatThrownBy(() -> new VerifiedKeys(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
