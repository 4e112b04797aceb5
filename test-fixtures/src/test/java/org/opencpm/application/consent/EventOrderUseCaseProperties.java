package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aDenial;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Through the use case, with every port: grants, withdrawals and denials with distinct {@code
 * occurredAt}, arriving in any order, one by one or in a batch, end in the same consent, the same
 * decision and the same index; connectors are sent only the changes that were current, never one
 * older than a change already sent; the audit chain holds every event and stays valid.
 */
class EventOrderUseCaseProperties {

    /** One event: what and when, in minutes after the notice was published. */
    record Event(ConsentAction action, int minute) {
    }

    record Scenario(Purpose purpose, List<Event> chronological, List<Event> arrival, boolean batch) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Event>> events = Combinators.combine(
                        Arbitraries.of(ConsentAction.GRANT, ConsentAction.WITHDRAW, ConsentAction.DENY),
                        Arbitraries.integers().between(1, 3 * 24 * 60))
                .as(Event::new)
                .list().ofMinSize(1).ofMaxSize(10).uniqueElements(Event::minute);
        return Combinators.combine(Arbitraries.of(MARKETING_SMS, MARKETING_EMAIL), events, Arbitraries.of(true, false))
                .flatAs((purpose, list, batch) -> Arbitraries.shuffle(list).map(arrival -> new Scenario(purpose,
                        list.stream().sorted(Comparator.comparingInt(Event::minute)).toList(), arrival, batch)));
    }

    /** What one OpenCPM made of the events. */
    record Outcome(ConsentState state, Instant changedAt, Reason decision) {
    }

    private static Outcome arrive(Purpose purpose, List<Event> events, boolean batch) {
        InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
        Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, MARKETING_EMAIL);
        Instant published = cpm.clock.now();
        cpm.clock.advance(Duration.ofDays(4));

        List<RecordConsentCommand> commands = new ArrayList<>();
        for (Event event : events) {
            Instant at = published.plus(Duration.ofMinutes(event.minute()));
            commands.add(switch (event.action()) {
                case GRANT -> aGrant().of(purpose).on(policy).at(at).build();
                case WITHDRAW -> aWithdrawal().of(purpose).at(at).build();
                default -> aDenial().of(purpose).at(at).through(CollectionChannel.STORE, ConsentMethod.BUTTON).build();
            });
        }
        List<ConsentReceipt> receipts = new ArrayList<>();
        if (batch) {
            cpm.recordConsentBatch.recordAll(commands).forEach(result -> {
                assertThat(result.succeeded()).isTrue();
                receipts.add(result.result().orElseThrow().receipts().get(0));
            });
        } else {
            commands.forEach(command -> receipts.add(cpm.recordConsent.record(command).receipts().get(0)));
        }

        SubjectId subject = receipts.get(0).subjectId();
        Consent stored = cpm.consentStore.all().get(subject).get(purpose.code());
        Consent indexed = cpm.decisionIndex.subject(subject).orElseThrow().consentTo(purpose.code()).orElseThrow();
        assertThat(indexed).as("the decision index agrees with the store").isEqualTo(stored);

        Set<String> current = receipts.stream().filter(ConsentReceipt::current).map(ConsentReceipt::receiptId)
                .collect(Collectors.toSet());
        List<ConsentChange> sent = cpm.outbox.changes();
        assertThat(sent).extracting(ConsentChange::auditEventId).as("only current events reach connectors")
                .containsExactlyInAnyOrderElementsOf(current);
        assertThat(sent).extracting(ConsentChange::occurredAt).as("no change older than one already sent").isSorted();

        List<AuditEvent> history = cpm.viewSubject.historyOf(subject);
        assertThat(history).hasSize(events.size());
        Map<String, Boolean> marked = history.stream().collect(Collectors.toMap(AuditEvent::eventId, AuditRecords::isCurrent));
        receipts.forEach(r -> assertThat(marked.get(r.receiptId())).isEqualTo(r.current()));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();

        Reason decision = cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), purpose.code(),
                UsageRequest.on(purpose == MARKETING_SMS ? ContactChannel.SMS : ContactChannel.EMAIL))).decision().reason();
        return new Outcome(stored.state(), stored.changedAt(), decision);
    }

    @Property(tries = 60)
    void any_order_of_arrival_ends_in_the_same_state_decision_and_index(@ForAll("scenarios") Scenario s) {
        Outcome inOrder = arrive(s.purpose(), s.chronological(), false);
        Outcome shuffled = arrive(s.purpose(), s.arrival(), s.batch());

        assertThat(shuffled).isEqualTo(inOrder);
        Event latest = s.chronological().get(s.chronological().size() - 1);
        assertThat(inOrder.state()).isEqualTo(switch (latest.action()) {
            case GRANT -> s.purpose().doubleOptIn() ? ConsentState.PENDING : ConsentState.GRANTED;
            case WITHDRAW -> ConsentState.WITHDRAWN;
            default -> ConsentState.DENIED;
        });
    }
}
