package org.opencpm.application.decision;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.opencpm.application.Ports;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.DecisionLog;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.LoggedDecision;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.decision.DecisionPolicy;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every usage-control use case shares: finding the purpose and the subject in the decision
 * index, asking the {@link DecisionPolicy}, and logging decisions made on another lawful basis.
 */
final class Decider {

    /** A decision with what it was made from. */
    record Outcome(Decision decision, Optional<SubjectId> subject, Optional<? extends SubjectView> state) {
    }

    private final DecisionIndex index;
    private final DecisionLog decisionLog;
    private final IdentityVault vault;
    private final Clock clock;
    private final SubjectResolver resolver;

    Decider(Ports ports) {
        this.index = ports.decisionIndex();
        this.decisionLog = ports.decisionLog();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.resolver = new SubjectResolver(vault);
    }

    Purpose purpose(PurposeCode code) {
        return index.purpose(code).orElseThrow(() -> new UnknownPurposeException(code));
    }

    Optional<SubjectId> locate(SubjectLocator locator) {
        if (locator.subjectId().isPresent()) {
            return locator.subjectId();
        }
        return resolver.resolve(resolver.hashes(locator.identifiers()).values(), index::subjectOf);
    }

    Optional<SubjectId> locate(Identifier identifier) {
        return index.subjectOf(vault.hash(identifier));
    }

    Outcome decide(Purpose purpose, Optional<SubjectId> subject, UsageRequest usage, Instant now) {
        Optional<? extends SubjectView> state = subject.flatMap(index::view);
        Decision decision;
        if (state.isPresent()) {
            decision = decide(purpose, state.get(), usage, now);
        } else {
            decision = DecisionPolicy.decideUnknownSubject(purpose, usage);
        }
        Optional<SubjectId> known = state.map(SubjectView::id);
        if (decision.reason() == Reason.LEGAL_BASIS) {
            decisionLog.record(new LoggedDecision(known, purpose.code(), decision.reason(),
                    usage.channel().map(ContactChannel::code), usage.recipient(), now));
        }
        return new Outcome(decision, known, state);
    }

    /** The policy's decision for a subject the index knows, logging nothing: the one place the rules are applied to a state. */
    Decision decide(Purpose purpose, SubjectView state, UsageRequest usage, Instant now) {
        return DecisionPolicy.decide(purpose, state.consentTo(purpose.code()), state.isMinorAt(now), state.preferences(),
                index.materialChanges(), usage, now);
    }

    /** Every subject's state in the index. */
    void forEachSubject(Consumer<SubjectState> action) {
        index.forEachSubject(action);
    }

    Instant now() {
        return clock.now();
    }

}
