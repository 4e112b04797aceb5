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
import org.opencpm.domain.consent.ConsentState;
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
 * erased or merged away is refused. It records what a person does with a toggle: a withdrawal of a
 * purpose not in force, or a grant of one in force, changes nothing and is left out.
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
            List<Purpose> moved = defined.stream().filter(p -> moves(action, current.get(p.code()), now)).toList();
            if (moved.isEmpty()) {
                return List.<ConsentReceipt>of();
            }
            Instant at = AfterLatestEvent.at(current, now);
            ConsentRequest request = new ConsentRequest(action, moved, notice, notice.map(n -> notices.history(n.ref().code())),
                    evidence, Optional.empty(), Set.of(), at);
            ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, at);
            return writer.write(recording, Optional.of(subject.version()), current, Map.of(), Map.of(), Optional.empty(), actor, now);
        });
    }

    /**
     * Whether {@code action} moves a purpose whose consent is {@code held}: a withdrawal only one in
     * force (granted, or pending its confirmation), a grant only one that is not. Judged in the
     * transaction that records, so that a second tap, or two at once, records the change once.
     */
    private static boolean moves(ConsentAction action, Consent held, Instant now) {
        ConsentState state = held == null ? null : held.stateAt(now);
        boolean inForce = state != null && state.inForce();
        return switch (action) {
            case WITHDRAW -> inForce;
            case GRANT -> !inForce;
            default -> true;
        };
    }
}
