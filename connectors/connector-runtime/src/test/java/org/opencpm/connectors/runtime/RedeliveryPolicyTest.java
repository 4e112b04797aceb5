package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RedeliveryPolicyTest {

    private final RedeliveryPolicy policy = new RedeliveryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

    @Test
    void waits_double_after_each_failure_within_the_jitter_up_to_the_maximum() {
        SplittableRandom random = new SplittableRandom(42);
        for (int failures = 1; failures <= 10; failures++) {
            long expected = Math.min(1000L << (failures - 1), 30_000);
            for (int i = 0; i < 100; i++) {
                long wait = policy.delayAfter(failures, random).toMillis();
                assertThat(wait).as("after %d failures", failures).isBetween(Math.round(expected * 0.8), Math.min(30_000, Math.round(expected * 1.2)));
            }
        }
    }

    @Test
    void jitter_spreads_the_retries_of_many_deliveries() {
        SplittableRandom random = new SplittableRandom(7);
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> policy.delayAfter(3, random).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void gives_up_after_the_last_attempt() {
        assertThat(policy.exhausted(5)).isFalse();
        assertThat(policy.exhausted(6)).isTrue();
    }

    @Test
    void a_platforms_retry_after_is_honoured_but_never_beyond_the_maximum() {
        assertThat(policy.honour(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.honour(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.honour(Duration.ofSeconds(-3))).isZero();
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> new RedeliveryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedeliveryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
