package org.opencpm.domain.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.EventOrder;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Two subjects that turn out to be one person become one: {@code from} is absorbed by {@code
 * into} (PIPL Art. 46, correction: the person's records must describe them, not half of them).
 *
 * <p>For each purpose the merged person's consent is the one whose latest event is newer, the rule
 * that decides between any two events of one person (ADR 0005, {@link EventOrder}): what they said
 * last wins, whichever of their two records they said it under. Between equal instants {@code
 * into}'s stays, so merging never changes a consent that nothing newer contradicts. A consent that
 * is carried over is {@code from}'s as it was (state, notice, grant and expiry times, guardian,
 * channel), now of {@code into}, each at a version of its own so that connectors, which apply
 * changes in version order, take every one of them.
 *
 * <p>What is known of the person's age is joined protectively (PIPL Art. 31): {@code into}'s birth
 * date, else {@code from}'s; declared a minor if either record says so.
 *
 * @param merged  {@code into} after the merge: its version advanced once per carried consent and
 *                once more for the merge itself ({@link #version()})
 * @param carried {@code from}'s consents that now are {@code into}'s, by purpose code order
 */
public record SubjectMerge(Subject merged, List<Consent> carried) {

    public SubjectMerge {
        carried = List.copyOf(carried);
    }

    /** The version of the merge as a whole: the identifiers' move and the preferences. */
    public long version() {
        return merged.version();
    }

    /** The purposes whose consent came from {@code from}. */
    public List<PurposeCode> purposesCarried() {
        return carried.stream().map(Consent::purpose).toList();
    }

    /**
     * Merges {@code from} into {@code into}.
     *
     * @throws InvalidValueException when both are the same subject
     */
    public static SubjectMerge of(Subject into, Map<PurposeCode, Consent> intoConsents,
                                  Subject from, Map<PurposeCode, Consent> fromConsents) {
        if (into.id().equals(from.id())) {
            throw new InvalidValueException("from", "is the same subject as into: a subject cannot absorb itself");
        }
        Subject advancing = new Subject(into.id(), into.birthDate().or(from::birthDate),
                into.declaredMinor() || from.declaredMinor(), into.version(), into.registeredAt());
        List<Consent> carried = new ArrayList<>();
        for (Consent theirs : new TreeMap<>(fromConsents).values()) {
            Optional<Consent> ours = Optional.ofNullable(intoConsents.get(theirs.purpose()));
            if (ours.isPresent() && !theirs.changedAt().isAfter(ours.get().changedAt())) {
                continue;
            }
            advancing = advancing.advanced();
            carried.add(Consent.restore(into.id(), theirs.purpose(), theirs.state(), advancing.version(), theirs.changedAt(),
                    theirs.grantedAt(), theirs.expiresAt(), theirs.notice(), theirs.guardian(), theirs.channel(),
                    theirs.method()));
        }
        return new SubjectMerge(advancing.advanced(), carried);
    }
}
