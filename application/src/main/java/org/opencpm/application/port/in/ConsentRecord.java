package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.SubjectId;

/**
 * One consent event of a person with what a reader needs to judge it (ISO/IEC TS 27560 consent
 * record): who it is about, what the person was told and agreed to, how, what became of it since,
 * and the audit evidence that proves it was recorded as it reads.
 *
 * @param subject        the PII principal: the subject asked about (an event recorded under a
 *                       subject merged into it is theirs too)
 * @param event          the consent event ({@code consent_recorded}) the record is of; its sealed
 *                       personal data (ip, user agent, operator, guardian hashes) stays sealed
 * @param notice         the notice version the event names, as published (empty when it names none)
 * @param purpose        the purpose as defined now (empty if no longer defined): a redefinition
 *                       after the event shows in {@link Purpose#materiallyRedefinedAt()}, and the
 *                       definition in force at the time is in the purpose's own audit events
 * @param purposeHistory every consent event of the person for that purpose, in chain order, the
 *                       record's own included: given, withdrawn, expired, carried in a merge…
 * @param stateNow       the person's state for the purpose now, if they have one
 * @param checkpoint     the first signed checkpoint whose head reaches the event; empty while the
 *                       event is not anchored yet
 * @param controller     the PII controller, from configuration
 * @param issuedAt       when this copy of the record was made
 */
public record ConsentRecord(
        SubjectId subject,
        AuditEvent event,
        Optional<Notice> notice,
        Optional<Purpose> purpose,
        List<AuditEvent> purposeHistory,
        Optional<ConsentState> stateNow,
        Optional<Checkpoint> checkpoint,
        PiiController controller,
        Instant issuedAt) {

    public ConsentRecord {
        Checks.required(subject, "subject");
        Checks.required(event, "event");
        Checks.required(notice, "notice");
        Checks.required(purpose, "purpose");
        purposeHistory = List.copyOf(Checks.required(purposeHistory, "purposeHistory"));
        Checks.required(stateNow, "stateNow");
        Checks.required(checkpoint, "checkpoint");
        Checks.required(controller, "controller");
        Checks.required(issuedAt, "issuedAt");
    }

    /** The subject the event was recorded under, when it is one merged into {@link #subject()}. */
    public Optional<String> recordedUnder() {
        return subject.value().equals(event.subjectId()) ? Optional.empty() : Optional.of(event.subjectId());
    }
}
