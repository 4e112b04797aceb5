package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackFailureLogTest {

    private Instant now = Instant.parse("2026-12-03T08:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final CallbackFailureLog log = new CallbackFailureLog(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, lines::add);

    @Test
    void a_flood_of_failing_callbacks_writes_a_few_lines_a_minute_and_counts_the_rest() {
        for (int i = 0; i < 1000; i++) {
            log.failed("crm", "connector crm failed on a callback");
        }
        assertThat(lines).hasSize(CallbackFailureLog.PER_MINUTE);

        now = now.plus(Duration.ofSeconds(61));
        log.failed("crm", "connector crm failed on a callback");
        assertThat(lines).hasSize(CallbackFailureLog.PER_MINUTE + 1)
                .last().asString().endsWith("(" + (1000 - CallbackFailureLog.PER_MINUTE) + " more like it held back)");
    }

    @Test
    void each_connector_has_its_own_lines() {
        for (int i = 0; i < 100; i++) {
            log.failed("crm", "crm failed");
        }
        log.failed("wechat", "wechat failed");
        assertThat(lines).contains("wechat failed");
    }
}
