package org.opencpm.application.decision;

import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;

/** Fills the decision index with everything decisions are made from. */
public final class DecisionIndexLoader implements WarmUpDecisionIndexUseCase {

    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final SubjectStateSource subjectStates;
    private final DecisionIndex index;

    public DecisionIndexLoader(Ports ports) {
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.subjectStates = ports.subjectStates();
        this.index = ports.decisionIndex();
    }

    @Override
    public Loaded warmUp() {
        long definedPurposes = 0;
        for (Purpose purpose : purposes.all()) {
            index.purposeDefined(purpose);
            definedPurposes++;
        }
        long publishedNotices = 0;
        for (Notice notice : notices.all()) {
            index.noticePublished(notice);
            publishedNotices++;
        }
        AtomicLong identifiers = new AtomicLong();
        subjectStates.forEachIdentifier((hash, subject) -> {
            index.identifierLinked(hash, subject);
            identifiers.incrementAndGet();
        });
        AtomicLong subjects = new AtomicLong();
        subjectStates.forEachSubject(state -> {
            index.subjectChanged(state);
            subjects.incrementAndGet();
        });
        return new Loaded(definedPurposes, publishedNotices, identifiers.get(), subjects.get());
    }
}
