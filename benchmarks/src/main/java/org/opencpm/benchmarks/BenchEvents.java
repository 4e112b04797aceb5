package org.opencpm.benchmarks;

import java.time.Instant;
import java.util.Map;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;

/**
 * The consent events the P8 benchmarks chain, shaped like production ones: every fifth a withdrawal,
 * a sealed blob of personal data in the details (683 canonical bytes an event on average).
 */
final class BenchEvents {

    private static final String SEALED = "v1." + "Qk".repeat(90);

    private BenchEvents() {
    }

    /** The {@code i}-th event, recorded at {@code at}, for {@code purpose} under the notice {@code noticeCode}/{@code noticeVersion}. */
    static AuditDraft consent(int i, Instant at, String purpose, String actor, String channel, String noticeCode, String noticeVersion) {
        boolean withdrawal = i % 5 == 0;
        return AuditDraft.of(AuditEventType.CONSENT_RECORDED, "sub_" + Long.toHexString(i * 2654435761L), purpose,
                withdrawal ? "withdrawn" : "granted", at, at, actor, channel, noticeCode, noticeVersion,
                Map.of("action", withdrawal ? "withdraw" : "grant", "method", "checkbox", "version", Integer.toString(i), "sealed", SEALED));
    }
}
