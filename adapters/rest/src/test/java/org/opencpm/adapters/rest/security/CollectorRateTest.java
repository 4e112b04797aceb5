package org.opencpm.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectorRateTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void an_address_gets_its_burst_then_waits_for_the_refill() {
        CollectorRate rate = new CollectorRate(60, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(rate.take("203.0.113.9")).isEmpty();
        }
        assertThat(rate.take("203.0.113.9")).hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(1)));
        assertThat(rate.take("203.0.113.10")).as("another address, another bucket").isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(rate.take("203.0.113.9")).isEmpty();
    }

    /**
     * Addresses that each spend a call keep their buckets below full, so none can be dropped: the
     * table stops at its bound, and the addresses it cannot hold share one bucket of the burst.
     */
    @Test
    void a_spray_of_addresses_that_never_refill_shares_one_bucket_past_the_bound() {
        CollectorRate rate = new CollectorRate(60, 2, nanos::get);
        for (int i = 0; i < CollectorRate.MAX_TRACKED; i++) {
            assertThat(rate.take("spray-" + i)).isEmpty();
        }
        // no time passes: the sweep the full table asks for finds no bucket refilled

        assertThat(rate.take("new-1")).isEmpty();
        assertThat(rate.take("new-2")).isEmpty();
        assertThat(rate.take("new-3")).as("the overflow bucket is spent").isPresent();
        assertThat(rate.tracked()).isEqualTo(CollectorRate.MAX_TRACKED);
        assertThat(rate.take("spray-7")).as("a tracked address keeps its own bucket").isEmpty();
    }
}
