package org.opencpm.application.decision;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.AudienceQuery;
import org.opencpm.application.port.in.AudienceVerdict;
import org.opencpm.application.port.in.DecideUseCase;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DecisionResult;
import org.opencpm.application.port.in.FilterAudienceUseCase;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.SubjectId;

/** Decides single uses and whole audiences. */
public final class DecisionService implements DecideUseCase, FilterAudienceUseCase {

    private final Decider decider;

    public DecisionService(Ports ports) {
        this.decider = new Decider(ports);
    }

    @Override
    public DecisionResult decide(DecisionQuery query) {
        Purpose purpose = decider.purpose(query.purpose());
        Optional<SubjectId> subject = decider.locate(query.subject());
        Decider.Outcome outcome = decider.decide(purpose, subject, query.usage(), decider.now());
        return new DecisionResult(outcome.decision(), outcome.subject());
    }

    @Override
    public AudienceFilter open(AudienceQuery query) {
        Purpose purpose = decider.purpose(query.purpose());
        Instant now = decider.now();
        UsageRequest usage = query.usage();
        return (line, member) -> {
            Identifier identifier;
            try {
                identifier = Identifier.of(IdentifierType.parse(member.type(), "type"), member.value(), member.scope().orElse(null), "identifier");
            } catch (InvalidValueException invalid) {
                return new AudienceVerdict(line, member, Decision.because(Reason.INVALID_IDENTIFIER), Optional.empty(),
                        Optional.of(invalid.getMessage()));
            }
            Decider.Outcome outcome = decider.decide(purpose, decider.locate(identifier), usage, now);
            return new AudienceVerdict(line, member, outcome.decision(), outcome.subject(), Optional.empty());
        };
    }
}
