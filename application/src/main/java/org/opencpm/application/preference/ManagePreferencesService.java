package org.opencpm.application.preference;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.application.ChangeFeed;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Replaces a subject's preferences. A real change advances the subject's version, is audited,
 * goes to the outbox for connectors and reaches the decision index after commit; the same
 * preferences again change nothing.
 */
public final class ManagePreferencesService implements ManagePreferencesUseCase {

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final PreferenceStore preferences;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final ErasureStore erasures;
    private final Clock clock;
    private final Retrying retrying;
    private final ChangeFeed changes;

    public ManagePreferencesService(Ports ports) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.preferences = ports.preferences();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.erasures = ports.erasures();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.changes = new ChangeFeed(ports, retrying);
    }

    @Override
    public Preferences preferencesOf(SubjectId subjectId) {
        if (subjects.find(subjectId).isEmpty()) {
            throw ErasedSubjects.missing(erasures, subjectId);
        }
        MergedSubjects.requireOwn(subjects, subjectId);
        return preferences.find(subjectId).orElse(Preferences.none());
    }

    @Override
    public long update(UpdatePreferencesCommand command) {
        Instant now = clock.now();
        return retrying.inTransaction(() -> {
            Subject subject = subjects.find(command.subjectId())
                    .orElseThrow(() -> ErasedSubjects.missing(erasures, command.subjectId()));
            MergedSubjects.requireOwn(subjects, subject.id());
            ErasedSubjects.requireNotErasing(erasures, subject.id());
            Optional<Preferences> before = preferences.find(subject.id());
            if (before.orElse(Preferences.none()).equals(command.preferences())) {
                return subject.version();
            }
            Subject advanced = subject.advanced();
            subjects.save(advanced, Optional.of(subject.version()));
            preferences.save(subject.id(), command.preferences());
            AuditEvent audited = audit.append(AuditRecords.preferencesUpdated(subject.id(), command.preferences(),
                    advanced.version(), command.channel(), command.actor(), now));
            ConsentChange change = new ConsentChange(subject.id(), ConsentChange.Kind.PREFERENCES, Optional.empty(),
                    Optional.empty(), command.preferences(), advanced.version(), now, false, audited.eventId(),
                    command.actor().connectorId());
            changes.publish(change);
            SubjectState state = new SubjectState(advanced, consents.consentsOf(subject.id()), command.preferences());
            retrying.afterCommit(() -> index.subjectChanged(state));
            return advanced.version();
        });
    }
}
