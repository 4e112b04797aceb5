package org.opencpm.application.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.SendPermit;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.SendPermitPolicy;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.SubjectId;

/**
 * Issues send permits: the decision, then quiet hours and the operator's curfew, then one unit of
 * the frequency budget (the person's caps, for marketing tightened by the operator's defaults)
 * taken atomically. The operator's {@link SendRules} come from configuration, through the
 * constructor.
 */
public final class SendPermitService implements IssueSendPermitUseCase {

    private final SendBudget sendBudget;
    private final Decider decider;
    private final SendPermitPolicy policy;

    public SendPermitService(Ports ports, SendRules rules) {
        this.sendBudget = ports.sendBudget();
        this.decider = new Decider(ports);
        this.policy = new SendPermitPolicy(rules);
    }

    @Override
    public SendPermit issue(SendPermitCommand command) {
        Instant now = decider.now();
        Purpose purpose = decider.purpose(command.purpose());
        Optional<SubjectId> subject = decider.locate(command.subject());
        UsageRequest usage = new UsageRequest(Optional.of(command.channel()), command.topic(), Optional.empty());
        Decider.Outcome outcome = decider.decide(purpose, subject, usage, now);
        Preferences preferences = outcome.state().map(SubjectView::preferences).orElse(Preferences.none());

        SendPermitPolicy.Check check = policy.check(outcome.decision(), purpose, preferences, command.channel(), now);
        return switch (check) {
            case SendPermitPolicy.Refused refused -> SendPermit.refused(refused.reason(), outcome.subject(), now);
            case SendPermitPolicy.Admissible admissible -> {
                // A person never seen may be allowed on a purpose of another lawful basis (PIPL Art. 13):
                // they have no preferences, so no frequency budget to take from.
                boolean consumed = admissible.limits().isEmpty() || outcome.subject()
                        .map(id -> sendBudget.tryConsume(id, command.channel(), admissible.limits()))
                        .orElse(true);
                yield consumed
                        ? SendPermit.granted("pmt_" + UUID.randomUUID().toString().replace("-", ""), outcome.decision().reason(),
                                outcome.subject(), now, outcome.subject().isPresent() ? admissible.limits() : List.of())
                        : SendPermit.refused(Reason.FREQUENCY_CAP, outcome.subject(), now);
            }
        };
    }

    @Override
    public void giveBack(SendPermit permit, ContactChannel channel) {
        if (permit.granted() && !permit.taken().isEmpty()) {
            permit.subjectId().ifPresent(subject -> sendBudget.giveBack(subject, channel, permit.taken()));
        }
    }
}
