package org.opencpm.domain.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.SubjectId;

/**
 * A subject's consent to one purpose, as it stands after its latest event.
 *
 * <p>Lifecycle: comes into being with the first event for its subject and purpose ({@link
 * #first}); every later event makes a new {@code Consent} through {@link #then}, which lets the
 * {@link ConsentStateMachine} refuse illegal steps. The history of events is kept by the audit
 * trail; this object is only the present.
 *
 * <p>Invariants: {@link #version()} is the subject's change counter at this event and only grows;
 * {@link #changedAt()} is the {@code occurredAt} of the event in force and never goes back; a
 * {@code GRANTED} consent carries the notice it was given on and its grant time; an expiry time
 * exists only while granted. Expiry is evaluated against a clock ({@link #stateAt}), so a grant
 * lapses at its {@code expiresAt} even before the expiry is recorded as an event.
 */
public final class Consent implements ConsentStatus {

    private final SubjectId subject;
    private final PurposeCode purpose;
    private final ConsentState state;
    private final long version;
    private final Instant changedAt;
    private final Optional<Instant> grantedAt;
    private final Optional<Instant> expiresAt;
    private final Optional<NoticeStamp> notice;
    private final Optional<GuardianRelation> guardian;
    private final CollectionChannel channel;
    private final ConsentMethod method;

    private Consent(SubjectId subject, PurposeCode purpose, ConsentState state, long version, Instant changedAt,
                    Optional<Instant> grantedAt, Optional<Instant> expiresAt, Optional<NoticeStamp> notice,
                    Optional<GuardianRelation> guardian, CollectionChannel channel, ConsentMethod method) {
        this.subject = Checks.required(subject, "subjectId");
        this.purpose = Checks.required(purpose, "purpose");
        this.state = Checks.required(state, "state");
        this.version = version;
        this.changedAt = Checks.required(changedAt, "changedAt");
        this.grantedAt = Checks.required(grantedAt, "grantedAt");
        this.expiresAt = Checks.required(expiresAt, "expiresAt");
        this.notice = Checks.required(notice, "notice");
        this.guardian = Checks.required(guardian, "guardian");
        this.channel = Checks.required(channel, "channel");
        this.method = Checks.required(method, "method");
        if (state == ConsentState.GRANTED && (notice.isEmpty() || grantedAt.isEmpty())) {
            throw new IllegalArgumentException("a granted consent records its notice and grant time");
        }
        if (state != ConsentState.GRANTED && expiresAt.isPresent()) {
            throw new IllegalArgumentException("only a granted consent has an expiry time");
        }
    }

    /** Loads a consent as it was stored. */
    public static Consent restore(SubjectId subject, PurposeCode purpose, ConsentState state, long version,
                                  Instant changedAt, Optional<Instant> grantedAt, Optional<Instant> expiresAt,
                                  Optional<NoticeStamp> notice, Optional<GuardianRelation> guardian,
                                  CollectionChannel channel, ConsentMethod method) {
        return new Consent(subject, purpose, state, version, changedAt, grantedAt, expiresAt, notice, guardian, channel, method);
    }

    /** The first event of {@code subject} about {@code purpose}. */
    public static Consent first(SubjectId subject, Purpose purpose, ConsentAction action, EventFacts facts, long version) {
        return transition(subject, purpose, Optional.empty(), action, facts, version);
    }

    /** The consent after one more event. */
    public Consent then(Purpose definition, ConsentAction action, EventFacts facts, long version) {
        if (!definition.code().equals(purpose)) {
            throw new IllegalArgumentException("event for " + definition.code() + " applied to consent for " + purpose);
        }
        if (version <= this.version) {
            throw new IllegalArgumentException("versions only grow: " + version + " after " + this.version);
        }
        if (EventOrder.isLate(facts.occurredAt(), this)) {
            throw new IllegalArgumentException("an event at " + facts.occurredAt() + " is older than the one in force, at "
                    + changedAt + ": it changes nothing");
        }
        return transition(subject, definition, Optional.of(this), action, facts, version);
    }

    private static Consent transition(SubjectId subject, Purpose purpose, Optional<Consent> current,
                                      ConsentAction action, EventFacts facts, long version) {
        Optional<ConsentState> from = current.map(c -> c.stateMet(action, facts.occurredAt()));
        ConsentState to = ConsentStateMachine.next(from, action, purpose.doubleOptIn());
        Optional<NoticeStamp> notice = facts.notice().or(() -> current.flatMap(Consent::notice));
        Optional<GuardianRelation> guardian = switch (action) {
            case GRANT -> facts.guardian();
            case CONFIRM -> facts.guardian().or(() -> current.flatMap(Consent::guardian));
            default -> current.flatMap(Consent::guardian);
        };
        Optional<Instant> grantedAt = to == ConsentState.GRANTED
                ? Optional.of(facts.occurredAt())
                : current.flatMap(Consent::grantedAt);
        Optional<Instant> expiresAt = to == ConsentState.GRANTED
                ? purpose.validity().map(validity -> facts.occurredAt().plus(validity))
                : Optional.empty();
        return new Consent(subject, purpose.code(), to, version, facts.occurredAt(), grantedAt, expiresAt, notice,
                guardian, facts.evidence().channel(), facts.evidence().method());
    }

    /**
     * The state at {@code instant}: a grant whose validity has run out reads as {@link
     * ConsentState#EXPIRED} from its {@code expiresAt} on.
     */
    public ConsentState stateAt(Instant instant) {
        if (state == ConsentState.GRANTED && expiresAt.isPresent() && !instant.isBefore(expiresAt.get())) {
            return ConsentState.EXPIRED;
        }
        return state;
    }

    /**
     * The state an event with {@code action} at {@code instant} meets: the state at that time,
     * except for an expiry, which meets the recorded state. OpenCPM records the expiry of a grant
     * at the grant's own {@code expiresAt}, when {@link #stateAt} already reads it as expired; the
     * expiry event is what turns that reading into a recorded state, so it steps from the grant.
     */
    public ConsentState stateMet(ConsentAction action, Instant instant) {
        return action == ConsentAction.EXPIRE ? state : stateAt(instant);
    }

    /** Whether this is a recorded grant whose validity ran out by {@code instant}: its expiry is due to be recorded. */
    public boolean lapsedBy(Instant instant) {
        return state == ConsentState.GRANTED && expiresAt.isPresent() && !instant.isBefore(expiresAt.get());
    }

    public SubjectId subject() { return subject; }
    public PurposeCode purpose() { return purpose; }
    /** The state as last recorded; see {@link #stateAt} for the state at a given time. */
    public ConsentState state() { return state; }
    public long version() { return version; }
    /** When the latest event happened. */
    public Instant changedAt() { return changedAt; }
    /** When the grant now in force, or the last one, was given. */
    public Optional<Instant> grantedAt() { return grantedAt; }
    public Optional<Instant> expiresAt() { return expiresAt; }
    /** The notice of the latest grant or event that named one. */
    public Optional<NoticeStamp> notice() { return notice; }
    /** Present when a guardian gave the grant, with their relation to the subject. */
    public Optional<GuardianRelation> guardian() { return guardian; }
    public CollectionChannel channel() { return channel; }
    @Override
    public ConsentMethod method() { return method; }

    @Override
    public ConsentState recordedState() {
        return state;
    }

    @Override
    public long expiresAtEpochMilli() {
        return expiresAt.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    }

    @Override
    public long grantedAtEpochMilli() {
        return grantedAt.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    }

    @Override
    public boolean grantedByGuardian() {
        return guardian.isPresent();
    }

    @Override
    public Optional<NoticeStamp> noticeStamp() {
        return notice;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Consent other && subject.equals(other.subject) && purpose.equals(other.purpose)
                && state == other.state && version == other.version && changedAt.equals(other.changedAt)
                && grantedAt.equals(other.grantedAt) && expiresAt.equals(other.expiresAt) && notice.equals(other.notice)
                && guardian.equals(other.guardian) && channel == other.channel && method == other.method;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, purpose, state, version);
    }

    @Override
    public String toString() {
        return "Consent[" + subject + ", " + purpose + ", " + state.code() + ", v" + version + "]";
    }

    /** What an event says besides its action: when, how, on which notice, by whose guardian. */
    public record EventFacts(Instant occurredAt, Evidence evidence, Optional<NoticeStamp> notice,
                             Optional<GuardianRelation> guardian) {
        public EventFacts {
            Checks.required(occurredAt, "occurredAt");
            Checks.required(evidence, "evidence");
            Checks.required(notice, "notice");
            Checks.required(guardian, "guardian");
        }
    }
}
