package org.opencpm.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.notice.NoticeCoveragePolicy;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.GuardianPolicy;
import org.opencpm.domain.subject.Subject;

/**
 * Applies one consent event to a subject's consents, with every rule that governs it, before
 * anything changes: either the whole event is accepted, or it is refused with the first rule it
 * breaks and nothing is recorded.
 *
 * <p>A grant needs a notice that covers each purpose and is current ({@link
 * NoticeCoveragePolicy}), separate and explicit consent where the law asks for it ({@link
 * SeparateConsentPolicy}), a guardian for a minor ({@link GuardianPolicy}); every action must be
 * a legal step ({@link ConsentStateMachine}); nothing may claim to have happened more than {@link
 * #CLOCK_SKEW} in the future (up to that, the time of recording is taken) or before {@link #EARLIEST}.
 *
 * <p>An event older than the consent in force ({@link EventOrder#isLate}) must still be a valid
 * event — it passes the notice, separate-consent and guardian rules — but it is not a step from
 * the state in force, so the state machine does not judge it: it is recorded as late and changes
 * nothing.
 */
public final class ConsentRecorder {

    /** How far a client's clock may run ahead of ours. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * No event may claim to be older: no consent recorded under PIPL or its predecessors is, and a
     * time that old is a client's bug (a zero, a missing field), not a person's choice.
     */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private ConsentRecorder() {
    }

    /** The outcome: the subject with its advanced version, and one event and consent per purpose. */
    public record Recording(Subject subject, List<ConsentRecorded> events, List<Consent> consents) {
        public Recording {
            events = List.copyOf(events);
            consents = List.copyOf(consents);
        }

        /** Whether the event took effect for at least one purpose. */
        public boolean tookEffect() {
            return events.stream().anyMatch(ConsentRecorded::current);
        }

        /**
         * This recording keeping what {@code stored} knew of the person's age: an event that was
         * late for every purpose changes nothing, not even whether the person counts as a minor.
         */
        public Recording keepingAgeFactsOf(Subject stored) {
            return new Recording(new Subject(subject.id(), stored.birthDate(), stored.declaredMinor(), subject.version(),
                    subject.registeredAt()), events, consents);
        }
    }

    /**
     * Records {@code received} for {@code subject}, whose current consents are {@code current}.
     *
     * @param now when OpenCPM receives the event
     */
    public static Recording record(ConsentRequest received, Subject subject, Map<PurposeCode, Consent> current, Instant now) {
        if (received.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new OccurredInFutureException(received.occurredAt(), now);
        }
        if (received.occurredAt().isBefore(EARLIEST)) {
            throw new OccurredTooEarlyException(received.occurredAt());
        }
        // Nothing happened after we received it: a time a little ahead is a client's clock running
        // fast, and is taken as now. Kept as claimed, it would outrank every event of the next
        // minutes — a withdrawal made then would arrive "late" and be lost.
        Optional<Instant> claimed = received.occurredAt().isAfter(now) ? Optional.of(received.occurredAt()) : Optional.empty();
        ConsentRequest request = claimed.isPresent() ? received.at(now) : received;
        if (request.action() == ConsentAction.GRANT) {
            checkGrant(request, subject);
        }
        Optional<NoticeStamp> stamp = request.notice().map(NoticeStamp::of);
        Consent.EventFacts facts = new Consent.EventFacts(request.occurredAt(), request.evidence(), stamp,
                request.guardian().map(Guardian::relation));

        Subject advancing = subject;
        List<ConsentRecorded> events = new ArrayList<>();
        List<Consent> consents = new ArrayList<>();
        for (Purpose purpose : request.purposes()) {
            advancing = advancing.advanced();
            long version = advancing.version();
            Optional<Consent> before = Optional.ofNullable(current.get(purpose.code()));
            if (before.isPresent() && EventOrder.isLate(request.occurredAt(), before.get())) {
                consents.add(before.get());
                events.add(late(request, purpose, before.get(), stamp, version, now, claimed));
                continue;
            }
            Consent after = before
                    .map(c -> c.then(purpose, request.action(), facts, version))
                    .orElseGet(() -> Consent.first(subject.id(), purpose, request.action(), facts, version));
            Optional<ConsentState> previous = before.map(c -> c.stateMet(request.action(), request.occurredAt()));
            consents.add(after);
            events.add(new ConsentRecorded(subject.id(), purpose.code(), request.action(), previous, after.state(),
                    after.version(), request.occurredAt(), request.evidence(), stamp, request.guardian(),
                    after.expiresAt(), erasureDue(purpose, previous, after.state()), Optional.empty(), claimed));
        }
        return new Recording(advancing, events, consents);
    }

    /**
     * The expiry of {@code subject}'s grant to {@code purpose}, recorded by OpenCPM once the grant's
     * validity ({@code validityDays}) has run out: until then the expiry is only read at decision
     * time, and neither the audit trail nor the connectors learn of it. The event happened at the
     * grant's {@code expiresAt}, not when it is recorded, so the trail says when consent ended. It
     * is no act of the person's: it carries the channel and method of the grant that lapsed, so
     * the consent still tells where and how it was given (the actor says who recorded it).
     *
     * @return empty unless the consent in force is a grant whose {@code expiresAt} is at or before
     *         {@code now}; a grant renewed in the meantime has a later one, and is left alone
     */
    public static Optional<Recording> expire(Subject subject, Purpose purpose, Map<PurposeCode, Consent> current, Instant now) {
        Consent inForce = current.get(purpose.code());
        if (inForce == null || !inForce.lapsedBy(now)) {
            return Optional.empty();
        }
        ConsentRequest request = new ConsentRequest(ConsentAction.EXPIRE, List.of(purpose), Optional.empty(), Optional.empty(),
                Evidence.of(inForce.channel(), inForce.method()), Optional.empty(), Set.of(), inForce.expiresAt().orElseThrow());
        return Optional.of(record(request, subject, current, now));
    }

    /** An event older than {@code inForce}: recorded with the state in force, which it leaves as it is. */
    private static ConsentRecorded late(ConsentRequest request, Purpose purpose, Consent inForce, Optional<NoticeStamp> stamp,
                                        long version, Instant now, Optional<Instant> claimed) {
        ConsentState unchanged = inForce.stateAt(now);
        return new ConsentRecorded(inForce.subject(), purpose.code(), request.action(), Optional.of(unchanged), unchanged,
                version, request.occurredAt(), request.evidence(), stamp, request.guardian(), Optional.empty(), false,
                Optional.of(inForce.changedAt()), claimed);
    }

    private static void checkGrant(ConsentRequest request, Subject subject) {
        if (request.notice().isEmpty()) {
            throw new NoticeRequiredException();
        }
        NoticeHistory history = request.noticeHistory().orElseThrow();
        for (Purpose purpose : request.purposes()) {
            NoticeCoveragePolicy.check(request.notice().get(), history, purpose.code(), request.occurredAt(), CLOCK_SKEW);
        }
        SeparateConsentPolicy.checkGrant(request.purposes(), request.evidence().method());
        CrossBorderTransferPolicy.checkGrant(request.purposes());
        LocalDate day = request.occurredAt().atZone(ChinaTime.ZONE).toLocalDate();
        GuardianPolicy.checkGrant(subject, request.identifiers(), request.guardian(), day);
    }

    private static boolean erasureDue(Purpose purpose, Optional<ConsentState> previous, ConsentState now) {
        boolean wasInForce = previous.orElse(null) == ConsentState.GRANTED;
        boolean stopped = now == ConsentState.WITHDRAWN || now == ConsentState.DENIED || now == ConsentState.EXPIRED;
        return purpose.requiresConsent() && wasInForce && stopped;
    }

    /** The event claims a time before any consent OpenCPM can hold. */
    public static final class OccurredTooEarlyException extends DomainException {
        public OccurredTooEarlyException(Instant occurredAt) {
            super("occurred-too-early", Kind.RULE_VIOLATION, "occurredAt " + occurredAt + " is before " + EARLIEST);
        }
    }

    /** A grant must say which notice the person was shown. */
    public static final class NoticeRequiredException extends DomainException {
        public NoticeRequiredException() {
            super("notice-required", Kind.RULE_VIOLATION,
                    "a grant must reference the published notice version the person was shown (PIPL Art. 14, 17)");
        }
    }

    /** The event claims a time that has not come yet. */
    public static final class OccurredInFutureException extends DomainException {
        public OccurredInFutureException(Instant occurredAt, Instant now) {
            super("occurred-in-future", Kind.RULE_VIOLATION, "occurredAt " + occurredAt
                    + " is later than now (" + now + ") by more than " + CLOCK_SKEW.toMinutes() + " minutes");
        }
    }
}
