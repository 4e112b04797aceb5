package org.opencpm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The call log the page shows: bounded, and the real calls kept apart from what anyone could send. */
class CallLogTest {

    private final CallLog log = new CallLog(Clock.fixed(Instant.parse("2026-03-02T01:30:00Z"), ZoneOffset.UTC));

    @Test
    @DisplayName("A stream of calls refused before authentication keeps only its newest, and pushes out no real call")
    void unauthenticated_calls_cannot_push_out_real_ones() {
        log.accepted("wechat", "tag.add", List.of("oDemo_LiLei"), Map.of("tag", "opencpm-marketing"));
        log.refused("wechat", "tag.add", List.of(), Map.of(), "45159");
        for (int i = 0; i < CallLog.LIMIT + CallLog.UNAUTHENTICATED_LIMIT; i++) {
            log.refusedUnauthenticated("sms", "sms.send", Map.of(), "SignatureDoesNotMatch");
        }
        log.accepted("sms", "sms.send", List.of("138****0001"), Map.of());

        List<CallLog.Call> calls = log.after(0);
        assertThat(calls).filteredOn(CallLog.Call::authenticated).extracting(CallLog.Call::code).containsExactly(null, "45159", null);
        assertThat(calls).filteredOn(c -> !c.authenticated()).hasSize(CallLog.UNAUTHENTICATED_LIMIT);
        assertThat(calls).extracting(CallLog.Call::seq).as("in the order they arrived").isSorted();
        assertThat(calls.getLast().platform()).isEqualTo("sms");
        assertThat(log.after(calls.get(calls.size() - 2).seq())).singleElement().extracting(CallLog.Call::accepted).isEqualTo(true);
    }

    @Test
    @DisplayName("Real calls are bounded too: the oldest go once LIMIT are kept")
    void real_calls_are_bounded() {
        for (int i = 0; i <= CallLog.LIMIT; i++) {
            log.accepted("wechat", "tags.get", List.of(), Map.of());
        }
        List<CallLog.Call> calls = log.after(0);
        assertThat(calls).hasSize(CallLog.LIMIT);
        assertThat(calls.getFirst().seq()).isEqualTo(2);
    }
}
