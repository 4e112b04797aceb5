package org.opencpm.application.consent;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Records a consent event for a person named by subject id ({@link SubjectConsentRecorder}); an
 * interface so that the risk rules can count what the preference centre records as they count what
 * the API records ({@code ObservedSubjectConsents}).
 */
@FunctionalInterface
public interface RecordBySubject {

    /**
     * The event's receipts, one per purpose it moves: a withdrawal of a purpose not in force, or a
     * grant of one in force, is left out, and with none left nothing is recorded.
     */
    List<ConsentReceipt> record(SubjectId id, ConsentAction action, List<PurposeCode> codes, Optional<NoticeRef> noticeRef,
                                Evidence evidence, Actor actor);
}
