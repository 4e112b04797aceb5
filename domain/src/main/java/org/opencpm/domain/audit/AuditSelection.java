package org.opencpm.domain.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Which events of the audit trail an export holds (PIPL Art. 54–56): those recorded in
 * [{@code from}, {@code to}), recorded under one of {@code subjects}, for {@code purpose}, of one
 * of {@code types}; an absent bound or an empty set is no condition. The trail selects by it in
 * the database, the in-memory trail and the offline verifier check events against {@link
 * #matches} — one rule, stated once.
 *
 * <p>Anything but {@link #everything()} selects a <em>partial chain</em>: each event's hash covers
 * the hash of the event before it, so the links across the events left out cannot be checked
 * without them.
 *
 * @param subjects the subject ids whose events are selected: a person's own and those of every
 *                 record merged into it (PIPL Art. 46), in the order given; empty: any subject
 */
public record AuditSelection(Optional<Instant> from, Optional<Instant> to, List<SubjectId> subjects, Optional<PurposeCode> purpose,
                             Set<AuditEventType> types) {

    /** The whole trail. */
    public static final AuditSelection ALL = new AuditSelection(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Set.of());

    public AuditSelection {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new InvalidValueException("to", "must not be before from");
        }
        subjects = List.copyOf(new LinkedHashSet<>(Checks.required(subjects, "subjects")));
        Checks.required(purpose, "purpose");
        types = Checks.required(types, "types").isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types)); // in declaration order
    }

    /** Events recorded in [{@code from}, {@code to}), either end open. */
    public static AuditSelection between(Optional<Instant> from, Optional<Instant> to) {
        return new AuditSelection(from, to, List.of(), Optional.empty(), Set.of());
    }

    /** True when nothing is left out: the selection is the whole chain. */
    public boolean everything() {
        return from.isEmpty() && to.isEmpty() && subjects.isEmpty() && purpose.isEmpty() && types.isEmpty();
    }

    /** Whether {@code event} was recorded in [{@code from}, {@code to}). */
    public boolean recordedWithin(AuditEvent event) {
        return from.map(f -> !event.recordedAt().isBefore(f)).orElse(true) && to.map(t -> event.recordedAt().isBefore(t)).orElse(true);
    }

    /** Whether {@code event} is one this selection holds. */
    public boolean matches(AuditEvent event) {
        return recordedWithin(event)
                && (subjects.isEmpty() || subjects.stream().anyMatch(s -> s.value().equals(event.subjectId())))
                && purpose.map(p -> p.value().equals(event.purpose())).orElse(true)
                && (types.isEmpty() || types.contains(event.type()));
    }
}
