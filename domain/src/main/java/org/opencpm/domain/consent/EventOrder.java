package org.opencpm.domain.consent;

import java.time.Instant;

/**
 * Which of a consent's events is in force.
 *
 * <p>Events reach OpenCPM out of order: a store tablet uploads a day's grants in the evening, a
 * CRM retries a callback, a batch replays yesterday's file. What the person said last must win,
 * whatever arrived last, or a grant given before a withdrawal, arriving after it, would make them
 * granted again. So a subject's state for a purpose is that of its event with the latest {@code
 * occurredAt}; between equal instants, the one recorded later. An event older than the one in
 * force arrives {@link #isLate late}: it is still a valid event (it passes every rule of a valid
 * event — notice, separate consent, guardian), it is kept in the audit trail marked as not current,
 * and it changes nothing — not the consent, not the decision, not the connectors. Which times an
 * event may claim at all is {@link ConsentRecorder}'s rule.
 *
 * <pre>
 *  the arriving event, against the one in force   what happens
 *  none in force yet                               applied (state machine from none)
 *  newer occurredAt                                applied (state machine from the state in force)
 *  same occurredAt                                 applied: the one recorded later wins
 *  older occurredAt                                late: valid-event rules only, kept as not current,
 *                                                  nothing else changes, nothing is sent
 * </pre>
 *
 * Instants count to the millisecond ({@link ConsentRequest}), as every database keeps them.
 *
 * <p>With a {@link ConsentStateMachine} that never refuses a grant, a withdrawal or a denial, and
 * in which they lead to the same state whatever came before, this makes the outcome of a set of
 * such events independent of the order they arrive in. Double opt-in is the exception by nature:
 * a confirmation confirms the pending grant before it (so it cannot come first), and a grant over a
 * confirmed one renews it without a new confirmation; a late confirmation, like any late event,
 * changes nothing, so a person whose newer grant is pending confirms that one.
 */
public final class EventOrder {

    private EventOrder() {
    }

    /** Whether an event at {@code occurredAt} is older than the one that made {@code inForce}. */
    public static boolean isLate(Instant occurredAt, Consent inForce) {
        return occurredAt.isBefore(inForce.changedAt());
    }
}
