package org.opencpm.application.alert;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.consent.RecordBySubject;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Recording by subject id (the preference centre), counted for the risk rules as {@link
 * ObservedConsents} counts the API's: a withdrawal spike or a burst of grants from one address is
 * the same signal whichever page it came through. An event that recorded nothing (no receipts) is
 * not counted. The preference centre grants only on the latest notice covering the purpose, so no
 * outdated-notice grant can come this way.
 */
public final class ObservedSubjectConsents implements RecordBySubject {

    private final RecordBySubject recorder;
    private final RiskSignals signals;

    public ObservedSubjectConsents(RecordBySubject recorder, RiskSignals signals) {
        this.recorder = recorder;
        this.signals = signals;
    }

    @Override
    public List<ConsentReceipt> record(SubjectId id, ConsentAction action, List<PurposeCode> codes, Optional<NoticeRef> noticeRef,
                                       Evidence evidence, Actor actor) {
        List<ConsentReceipt> receipts = recorder.record(id, action, codes, noticeRef, evidence, actor);
        if (!receipts.isEmpty()) {
            if (action == ConsentAction.WITHDRAW) {
                signals.withdrawn();
            } else if (action == ConsentAction.GRANT) {
                signals.granted(evidence.ip().orElse(null), evidence.operator().orElse(null));
            }
        }
        return receipts;
    }
}
