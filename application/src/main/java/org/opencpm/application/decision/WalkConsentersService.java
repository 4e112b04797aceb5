package org.opencpm.application.decision;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Walks the decision index and keeps the subjects the {@link Decider} allows for one of the
 * purposes, at one instant for the whole walk. Decisions made here are not written to the decision
 * log, even on another lawful basis: a walk is not a use of anyone's data, and would log every
 * subject at each reconciliation.
 */
public final class WalkConsentersService implements WalkConsentersUseCase {

    private final Decider decider;
    private final PurposeStore purposeStore;

    public WalkConsentersService(Ports ports) {
        this.decider = new Decider(ports);
        this.purposeStore = ports.purposes();
    }

    @Override
    public Set<PurposeCode> purposes(Set<PurposeCode> asked) {
        if (asked.isEmpty()) {
            return purposeStore.all().stream().map(Purpose::code).collect(Collectors.toUnmodifiableSet());
        }
        asked.forEach(decider::purpose);
        return Set.copyOf(asked);
    }

    @Override
    public long forEachConsenter(Set<PurposeCode> purposes, Consumer<SubjectId> consenter) {
        List<Purpose> defined = purposes.stream().map(decider::purpose).toList();
        Instant now = decider.now();
        AtomicLong given = new AtomicLong();
        decider.forEachSubject(state -> {
            if (defined.stream().anyMatch(purpose -> decider.decide(purpose, state, UsageRequest.ANY, now).allowed())) {
                consenter.accept(state.subject().id());
                given.incrementAndGet();
            }
        });
        return given.get();
    }
}
