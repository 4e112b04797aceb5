package org.opencpm.application.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.ConsentSummary;
import org.opencpm.application.port.in.SummarizeConsentsUseCase;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.Purpose;

/**
 * Counts the current consents by purpose and state from the decision index, in memory: a dashboard
 * is opened often, and must not scan the database each time (the compliance report, made rarely,
 * reads the stores instead). Weakly consistent, as the index's walk is.
 */
public final class ConsentSummaryService implements SummarizeConsentsUseCase {

    private final DecisionIndex index;
    private final PurposeStore purposes;
    private final Clock clock;

    public ConsentSummaryService(DecisionIndex index, PurposeStore purposes, Clock clock) {
        this.index = index;
        this.purposes = purposes;
        this.clock = clock;
    }

    public ConsentSummaryService(Ports ports) {
        this(ports.decisionIndex(), ports.purposes(), ports.clock());
    }

    @Override
    public ConsentSummary summary() {
        Instant now = clock.now();
        Tally tally = new Tally(now);
        for (Purpose p : purposes.all()) {
            tally.byPurpose.put(p.code().value(), zeros());
        }
        index.forEachSubject(tally::accept);
        Map<String, Map<ConsentState, Long>> frozen = new HashMap<>();
        tally.byPurpose.forEach((purpose, counts) -> frozen.put(purpose, Map.copyOf(counts)));
        return new ConsentSummary(now, tally.subjects, frozen);
    }

    /** The counts of one walk. */
    private static final class Tally {
        private final Instant now;
        private final Map<String, Map<ConsentState, Long>> byPurpose = new HashMap<>();
        private long subjects;

        Tally(Instant now) {
            this.now = now;
        }

        synchronized void accept(SubjectState state) {
            subjects++;
            for (Consent c : state.consents().values()) {
                byPurpose.computeIfAbsent(c.purpose().value(), p -> zeros()).merge(c.stateAt(now), 1L, Long::sum);
            }
        }
    }

    private static Map<ConsentState, Long> zeros() {
        Map<ConsentState, Long> counts = new EnumMap<>(ConsentState.class);
        for (ConsentState s : ConsentState.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }
}
