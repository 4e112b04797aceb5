package org.opencpm.application.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownNoticeException;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Records a consent event for a person named by subject id rather than by identifiers: the
 * preference centre knows whom its token names, never their phone. The same domain rules
 * ({@link ConsentRecorder}: notice coverage, separate consent, guardian, transitions) and the same
 * writer ({@link ConsentWriter}: state, audit chain, outbox to every connector, decision index after
 * commit) as {@link RecordConsentService}; no identifier is linked, and a person erased, being
 * erased or merged away is refused.
 */
public final class SubjectConsentRecorder implements RecordBySubject {

    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final ErasureStore erasures;
    private final Clock clock;
    private final Retrying retrying;
    private final ConsentWriter writer;

    public SubjectConsentRecorder(Ports ports) {
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.erasures = ports.erasures();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.writer = new ConsentWriter(ports, retrying);
    }

    @Override
    public List<ConsentReceipt> record(SubjectId id, ConsentAction action, List<PurposeCode> codes, Optional<NoticeRef> noticeRef,
                                       Evidence evidence, Actor actor) {
        return retrying.inTransaction(() -> {
            Instant now = clock.now();
            Subject subject = subjects.find(id).orElseThrow(() -> ErasedSubjects.missing(erasures, id));
            ErasedSubjects.requireNotErasing(erasures, id);
            MergedSubjects.requireOwn(subjects, id);
            List<Purpose> defined = codes.stream().map(code -> purposes.find(code).orElseThrow(() -> new UnknownPurposeException(code))).toList();
            Optional<Notice> notice = noticeRef.map(ref -> notices.find(ref).orElseThrow(() -> new UnknownNoticeException(ref)));
            Map<PurposeCode, Consent> current = consents.consentsOf(id);
            // after the latest event of the person's, or it would arrive "late" behind one stamped a little ahead (ADR 0005)
            Instant after = current.values().stream().map(Consent::changedAt).max(Instant::compareTo).orElse(now).plusMillis(1);
            Instant at = after.isAfter(now) ? after : now;
            ConsentRequest request = new ConsentRequest(action, defined, notice, notice.map(n -> notices.history(n.ref().code())),
                    evidence, Optional.empty(), Set.of(), at);
            ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, now);
            return writer.write(recording, Optional.of(subject.version()), current, Map.of(), Map.of(), Optional.empty(), actor, now);
        });
    }
}
