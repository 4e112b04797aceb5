package org.opencpm.application.receipt;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.ReceiptNotFoundException;
import org.opencpm.application.port.in.ConsentRecord;
import org.opencpm.application.port.in.PiiController;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.ViewConsentRecordUseCase;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Reads a consent event back as a consent record (ISO/IEC TS 27560). The event is found as the
 * subject's history finds it ({@link ViewSubjectUseCase#receipt}: the subject's own events and
 * those of every record merged into it; an erased person is gone, 410), and must be a consent
 * event: any other event id, like another person's, is simply not a receipt of this person, so
 * the answer cannot tell whether the id exists (no oracle across people).
 *
 * <p>The evidence is the event's own place in the chain (seq, hash) and the first checkpoint
 * whose signed head reaches it: with the checkpoint's signature and the public keys an auditor
 * checks, against an export of the chain, that the event was recorded as it reads and has not been
 * cut since (PIPL Art. 54–56). Checkpoints are numbered in the order taken and the head only moves
 * forward, so the first covering one is found by halving, a few reads however many there are.
 */
public final class ConsentRecordService implements ViewConsentRecordUseCase {

    private final ViewSubjectUseCase subjects;
    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final AuditCheckpoints checkpoints;
    private final PiiController controller;
    private final Clock clock;

    public ConsentRecordService(ViewSubjectUseCase subjects, PurposeStore purposes, NoticeStore notices,
                                AuditCheckpoints checkpoints, PiiController controller, Clock clock) {
        this.subjects = subjects;
        this.purposes = purposes;
        this.notices = notices;
        this.checkpoints = checkpoints;
        this.controller = controller;
        this.clock = clock;
    }

    @Override
    public ConsentRecord consentRecord(SubjectId subject, String receiptId) {
        AuditEvent event = subjects.receipt(subject, receiptId);
        if (event.type() != AuditEventType.CONSENT_RECORDED || event.purpose() == null) {
            throw new ReceiptNotFoundException(receiptId);
        }
        PurposeCode purpose = PurposeCode.of(event.purpose());
        // the person's events about the purpose: those recorded, and those carried over in a merge
        List<AuditEvent> history = subjects.historyOf(subject).stream().filter(e -> event.purpose().equals(e.purpose())).toList();
        Optional<SubjectConsents.Entry> now = subjects.consentsOf(subject).consents().stream()
                .filter(entry -> entry.consent().purpose().equals(purpose))
                .findFirst();
        Optional<NoticeRef> notice = event.noticeCode() == null || event.noticeVersion() == null
                ? Optional.empty() : Optional.of(NoticeRef.of(event.noticeCode(), event.noticeVersion()));
        return new ConsentRecord(subject, event, notice.flatMap(notices::find), purposes.find(purpose), history,
                now.map(SubjectConsents.Entry::stateNow), firstCovering(event.seq()), controller, clock.now());
    }

    /** The first checkpoint whose head of the chain reaches {@code seq}; empty when none does yet. */
    private Optional<Checkpoint> firstCovering(long seq) {
        Optional<Checkpoint> latest = checkpoints.latest();
        if (latest.isEmpty() || !covers(latest.get(), seq)) {
            return Optional.empty();
        }
        Checkpoint found = latest.get(); // always the one numbered 'high'
        long low = 1;
        long high = found.number();
        while (low < high) {
            long middle = low + (high - low) / 2;
            Optional<Checkpoint> candidate = checkpoints.find(middle);
            if (candidate.isPresent() && covers(candidate.get(), seq)) {
                found = candidate.get();
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return Optional.of(found);
    }

    private static boolean covers(Checkpoint checkpoint, long seq) {
        return checkpoint.head(CheckpointHead.MAIN).map(CheckpointHead::seq).orElse(0L) >= seq;
    }
}
