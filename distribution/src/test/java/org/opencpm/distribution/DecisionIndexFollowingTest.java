package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.FollowCommitsUseCase;

/** The lag and readiness of the follower, on a clock the test moves: rounds that fail make the lag grow, one that succeeds ends it. */
class DecisionIndexFollowingTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean keysChanged = new AtomicBoolean();
    private final FollowCommitsUseCase follower = new FollowCommitsUseCase() {
        @Override
        public long markStart() {
            return 0;
        }

        @Override
        public Followed follow() {
            if (down.get()) {
                throw new IllegalStateException("connection refused");
            }
            return new Followed(1, 1, keysChanged.get());
        }
    };
    private final DecisionIndexFollowing following = new DecisionIndexFollowing(follower,
            new FollowSettings(Duration.ofMillis(100), Duration.ofSeconds(10)), now::get, now.get());

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void the_lag_is_the_time_since_the_last_round_that_caught_up_began() {
        advance(Duration.ofMillis(70));
        assertThat(following.lag()).isEqualTo(Duration.ofMillis(70));
        following.round();
        advance(Duration.ofMillis(30));
        assertThat(following.lag()).isEqualTo(Duration.ofMillis(30));
        assertThat(following.current()).isTrue();
    }

    @Test
    void while_the_database_is_down_the_lag_grows_past_the_bound_and_one_good_round_ends_it() {
        following.round();
        down.set(true);
        for (int i = 0; i < 11; i++) {
            advance(Duration.ofSeconds(1));
            following.round();
        }
        assertThat(following.lag()).isEqualTo(Duration.ofSeconds(11));
        assertThat(following.current()).as("not ready").isFalse();

        down.set(false);
        following.round();

        assertThat(following.lag()).isZero();
        assertThat(following.current()).isTrue();
    }

    @Test
    void api_keys_changed_on_another_node_are_passed_on() {
        AtomicInteger told = new AtomicInteger();
        following.onApiKeysChanged(told::incrementAndGet);
        following.round();
        keysChanged.set(true);
        following.round();
        assertThat(told).hasValue(1);
    }
}
