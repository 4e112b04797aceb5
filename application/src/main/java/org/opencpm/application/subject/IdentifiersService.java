package org.opencpm.application.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.application.ChangeFeed;
import org.opencpm.application.IdentifierLinkedElsewhereException;
import org.opencpm.application.LastIdentifierException;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.IdentityAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ManageIdentifiersUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Adds and removes a subject's identifiers (PIPL Art. 46, correction). Stored as ever only as a
 * keyed hash and a sealed value. A change that changes something advances the subject's version
 * (which also queues it behind, or ahead of, any other writer of the subject: subject row, then
 * audit head), is one {@code SUBJECT_UPDATED} audit event naming identifier types only, and one
 * {@link ConsentChange.Kind#PREFERENCES PREFERENCES}-kind change for the connectors: a change of
 * who the person is, not of what they agreed to, so no consent is restated; connectors read the
 * subject's identifiers when they deliver, so platforms get the new set with the person's current
 * preferences (a platform that keyed the person by a removed identifier is not told to forget it
 * by this change: that is erasure's). The decision index follows after commit: an added identifier
 * finds the subject, a removed one no longer does.
 */
public final class IdentifiersService implements ManageIdentifiersUseCase {

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final PreferenceStore preferences;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final ErasureStore erasures;
    private final IdentityVault vault;
    private final Clock clock;
    private final Retrying retrying;
    private final ChangeFeed changes;
    private final SubjectResolver resolver;

    public IdentifiersService(Ports ports) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.preferences = ports.preferences();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.erasures = ports.erasures();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.changes = new ChangeFeed(ports, retrying);
        this.resolver = new SubjectResolver(vault);
    }

    @Override
    public IdentifiersChanged add(SubjectId id, List<Identifier> identifiers, Actor actor) {
        Instant now = clock.now();
        Map<Identifier, IdentifierHash> hashes = resolver.hashes(identifiers);
        Map<Identifier, SealedIdentifier> sealed = new LinkedHashMap<>();
        hashes.keySet().forEach(identifier -> sealed.put(identifier, vault.seal(identifier)));
        return retrying.inTransaction(() -> {
            Subject subject = ownSubject(id);
            Map<Identifier, IdentifierHash> fresh = new LinkedHashMap<>();
            hashes.forEach((identifier, hash) -> {
                Optional<SubjectId> owner = subjects.findByIdentifier(hash);
                if (owner.isEmpty()) {
                    fresh.put(identifier, hash);
                } else if (!owner.get().equals(id)) {
                    throw new IdentifierLinkedElsewhereException("identifiers[" + identifiers.indexOf(identifier) + "]");
                }
            });
            if (fresh.isEmpty()) {
                return new IdentifiersChanged(id, 0, subject.version());
            }
            Subject advanced = subject.advanced();
            subjects.save(advanced, Optional.of(subject.version()));
            fresh.forEach((identifier, hash) -> subjects.link(id, identifier.type(), hash, sealed.get(identifier)));
            List<IdentifierType> types = fresh.keySet().stream().map(Identifier::type).toList();
            SubjectState state = changed(advanced, IdentityAuditRecords.ADDED, types, actor, now);
            retrying.afterCommit(() -> {
                fresh.values().forEach(hash -> index.identifierLinked(hash, id));
                index.subjectChanged(state);
            });
            return new IdentifiersChanged(id, fresh.size(), advanced.version());
        });
    }

    @Override
    public IdentifiersChanged remove(SubjectId id, List<Identifier> identifiers, Actor actor) {
        Instant now = clock.now();
        Set<IdentifierHash> asked = Set.copyOf(resolver.hashes(identifiers).values());
        return retrying.inTransaction(() -> {
            Subject subject = ownSubject(id);
            List<LinkedIdentifier> linked = subjects.identifiersOf(id);
            List<LinkedIdentifier> gone = linked.stream().filter(l -> asked.contains(l.hash())).toList();
            if (gone.isEmpty()) {
                return new IdentifiersChanged(id, 0, subject.version());
            }
            if (gone.size() == linked.size()) {
                throw new LastIdentifierException();
            }
            Subject advanced = subject.advanced();
            subjects.save(advanced, Optional.of(subject.version()));
            for (LinkedIdentifier identifier : gone) {
                if (!subjects.unlink(id, identifier.hash())) {
                    throw new ConcurrencyConflictException("identifier of subject " + id + " unlinked meanwhile");
                }
            }
            List<IdentifierType> types = gone.stream().map(LinkedIdentifier::type).toList();
            SubjectState state = changed(advanced, IdentityAuditRecords.REMOVED, types, actor, now);
            List<IdentifierHash> unlinked = gone.stream().map(LinkedIdentifier::hash).collect(Collectors.toCollection(ArrayList::new));
            retrying.afterCommit(() -> {
                unlinked.forEach(hash -> index.identifierUnlinked(hash, id));
                index.subjectChanged(state);
            });
            return new IdentifiersChanged(id, gone.size(), advanced.version());
        });
    }

    /** The subject, read (and in a database locked) for the change; refused when unknown, merged, erased or being erased. */
    private Subject ownSubject(SubjectId id) {
        Subject subject = subjects.find(id).orElseThrow(() -> ErasedSubjects.missing(erasures, id));
        MergedSubjects.requireOwn(subjects, id);
        ErasedSubjects.requireNotErasing(erasures, id);
        return subject;
    }

    /** Audits the change and tells the connectors; the subject's state for the index. */
    private SubjectState changed(Subject advanced, String change, List<IdentifierType> types, Actor actor, Instant now) {
        AuditEvent audited = audit.append(IdentityAuditRecords.identifiersChanged(advanced.id(), change, types,
                advanced.version(), actor, now));
        Preferences prefs = preferences.find(advanced.id()).orElse(Preferences.none());
        changes.publish(new ConsentChange(advanced.id(), ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(),
                prefs, advanced.version(), now, false, audited.eventId(), actor.connectorId()));
        return new SubjectState(advanced, consents.consentsOf(advanced.id()), prefs);
    }
}
