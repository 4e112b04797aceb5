package org.opencpm.application.decision;

import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;

/** Fills the decision index with everything decisions are made from. */
public final class DecisionIndexLoader implements WarmUpDecisionIndexUseCase {

    private final Ports ports;

    public DecisionIndexLoader(Ports ports) {
        this.ports = ports;
    }

    @Override
    public Loaded warmUp() {
        long purposes = 0;
        for (Purpose purpose : ports.purposes().all()) {
            ports.decisionIndex().purposeDefined(purpose);
            purposes++;
        }
        long notices = 0;
        for (Notice notice : ports.notices().all()) {
            ports.decisionIndex().noticePublished(notice);
            notices++;
        }
        AtomicLong identifiers = new AtomicLong();
        ports.subjectStates().forEachIdentifier((hash, subject) -> {
            ports.decisionIndex().identifierLinked(hash, subject);
            identifiers.incrementAndGet();
        });
        AtomicLong subjects = new AtomicLong();
        ports.subjectStates().forEachSubject(state -> {
            ports.decisionIndex().subjectChanged(state);
            subjects.incrementAndGet();
        });
        return new Loaded(purposes, notices, identifiers.get(), subjects.get());
    }
}
