package org.opencpm.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.VerificationResult;
import org.opencpm.domain.notice.Notice;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class AuditServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);

    AuditServiceTest() {
        cpm.clock.advance(Duration.ofHours(1));
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(notice).build());
        cpm.clock.advance(Duration.ofHours(1));
        cpm.recordConsent.record(aWithdrawal().of(MARKETING_SMS).build());
    }

    @Test
    @DisplayName("PIPL Art. 54–56: the audit trail exports oldest first and verifies in one call")
    void the_trail_exports_in_order_and_verifies() {
        try (Stream<AuditEvent> all = cpm.exportAudit.export(AuditQuery.ALL).events()) {
            assertThat(all.map(AuditEvent::seq).toList()).containsExactly(1L, 2L, 3L, 4L);
        }
        VerificationResult result = cpm.verifyAudit.verify();
        assertThat(result.valid()).isTrue();
        assertThat(result.events()).isEqualTo(4);
        assertThat(result.lastHash()).isEqualTo(cpm.auditTrail.head().map(h -> h.hash()));
    }

    @Test
    void an_export_can_be_limited_to_a_time_range() {
        Instant grantRecorded = InMemoryOpenCpm.START.plus(Duration.ofHours(1));
        try (Stream<AuditEvent> range = cpm.exportAudit.export(new AuditQuery(Optional.of(grantRecorded),
                Optional.of(grantRecorded.plusSeconds(1)))).events()) {
            assertThat(range.map(e -> e.detail("action")).toList()).isEqualTo(List.of("grant"));
        }
    }

    @Test
    void a_forged_state_is_found_at_its_sequence_number() {
        cpm.auditTrail.tamper(4, e -> new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), "granted",
                e.occurredAt(), e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details(), e.prevHash(),
                e.hash()));
        VerificationResult result = cpm.verifyAudit.verify();
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).contains(4L);
    }
}
