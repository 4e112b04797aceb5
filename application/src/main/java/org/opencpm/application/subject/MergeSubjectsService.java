package org.opencpm.application.subject;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.ChangeFeed;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.SubjectsNotMergeableException;
import org.opencpm.application.audit.IdentityAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.MergeSubjectsUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.domain.subject.SubjectMerge;

/**
 * Merges two subjects that turn out to be one person (PIPL Art. 46), in one transaction:
 * <ul>
 *   <li>both subject rows are read for update in id order, then the audit head is appended to —
 *       the one lock order of every writer (subject rows, then audit head), so two merges racing in
 *       opposite directions queue instead of deadlocking, and a grant racing on {@code from} either
 *       commits first (and is merged) or finds {@code from} merged and runs again on {@code into};</li>
 *   <li>{@code from}'s identifiers lead to {@code into} from then on; for each purpose the consent
 *       whose latest event is newer is in force ({@link SubjectMerge}); preferences are {@code
 *       into}'s, or {@code from}'s when {@code into} has none;</li>
 *   <li>the merge is one {@code SUBJECTS_MERGED} event on {@code into} (naming {@code from} and the
 *       purposes carried over), with one {@code SUBJECT_ABSORBED} tombstone on {@code from} (naming
 *       {@code into}); each consent the merge changes has a {@code CONSENT_CARRIED} event of its own
 *       besides, since every change a connector receives refers to exactly one audit event (the
 *       outbox is keyed by it). Nothing of the chain is rewritten, so it still verifies, and
 *       {@code into}'s history shows both subjects' events;</li>
 *   <li>connectors get a consent change for each purpose carried over (at its new version) and one
 *       preferences-kind change at the merge's version, referring to {@code SUBJECTS_MERGED}, so
 *       that every platform learns the joined identifier set;</li>
 *   <li>after commit the decision index drops {@code from} (a decision by its id is {@code
 *       unknown_subject}, denied) and leads its identifiers to {@code into}.</li>
 * </ul>
 * {@code from} keeps its rows as they were (its consents, its preferences): only {@code into}'s
 * are read from then on, and erasure of {@code into} reaches {@code from} through
 * {@link SubjectStore#absorbedBy}.
 */
public final class MergeSubjectsService implements MergeSubjectsUseCase {

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final PreferenceStore preferences;
    private final PurposeStore purposes;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final ErasureStore erasures;
    private final Clock clock;
    private final Retrying retrying;
    private final ChangeFeed changes;

    public MergeSubjectsService(Ports ports) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.preferences = ports.preferences();
        this.purposes = ports.purposes();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.erasures = ports.erasures();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.changes = new ChangeFeed(ports, retrying);
    }

    @Override
    public Merged merge(SubjectId into, SubjectId from, Actor actor) {
        if (into.equals(from)) {
            throw new SubjectsNotMergeableException("into and from are the same subject");
        }
        Instant now = clock.now();
        return retrying.inTransaction(() -> mergeNow(into, from, actor, now));
    }

    private Merged mergeNow(SubjectId into, SubjectId from, Actor actor, Instant now) {
        boolean intoFirst = into.value().compareTo(from.value()) < 0;
        Subject first = load(intoFirst ? into : from);
        Subject second = load(intoFirst ? from : into);
        Subject ours = intoFirst ? first : second;
        Subject theirs = intoFirst ? second : first;
        requireOwn(into, "into");
        requireOwn(from, "from");
        requireNotErasing(into, "into");
        requireNotErasing(from, "from");

        Map<PurposeCode, Consent> ourConsents = consents.consentsOf(into);
        SubjectMerge merge = SubjectMerge.of(ours, ourConsents, theirs, consents.consentsOf(from));
        List<LinkedIdentifier> moved = subjects.identifiersOf(from);
        Subject absorbed = theirs.advanced();
        subjects.save(merge.merged(), Optional.of(ours.version()));
        subjects.save(absorbed, Optional.of(theirs.version()));
        subjects.merge(from, into);
        Map<PurposeCode, Consent> after = new HashMap<>(ourConsents);
        merge.carried().forEach(consent -> {
            consents.save(consent);
            after.put(consent.purpose(), consent);
        });
        Optional<Preferences> ourPreferences = preferences.find(into);
        Optional<Preferences> theirPreferences = ourPreferences.isPresent() ? Optional.empty() : preferences.find(from);
        theirPreferences.ifPresent(p -> preferences.save(into, p));
        Preferences prefs = ourPreferences.or(() -> theirPreferences).orElse(Preferences.none());

        // in version order, as the outbox (keyed by audit sequence) hands changes out: the carried
        // consents first, then the merge at the version after them, then the tombstone
        for (Consent carried : merge.carried()) {
            Optional<Consent> before = Optional.ofNullable(ourConsents.get(carried.purpose()));
            boolean erasureDue = erasureDue(before, carried);
            AuditEvent recorded = audit.append(IdentityAuditRecords.consentCarried(carried, from, before.map(c -> c.stateAt(now)),
                    erasureDue, actor, now));
            changes.publish(new ConsentChange(into, ConsentChange.Kind.CONSENT, Optional.of(carried.purpose()),
                    Optional.of(carried.state()), prefs, carried.version(), carried.changedAt(), erasureDue, recorded.eventId()));
        }
        AuditEvent merged = audit.append(IdentityAuditRecords.merged(into, from, merge.purposesCarried(),
                moved.stream().map(LinkedIdentifier::type).toList(), theirPreferences.isPresent(), merge.version(), actor, now));
        changes.publish(new ConsentChange(into, ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(), prefs,
                merge.version(), now, false, merged.eventId()));
        audit.append(IdentityAuditRecords.absorbed(from, into, absorbed.version(), actor, now));

        SubjectState state = new SubjectState(merge.merged(), after, prefs);
        List<IdentifierHash> hashes = moved.stream().map(LinkedIdentifier::hash).toList();
        retrying.afterCommit(() -> {
            hashes.forEach(hash -> index.identifierLinked(hash, into));
            index.subjectRemoved(from);
            index.subjectChanged(state);
        });
        return new Merged(into, from, merge.purposesCarried(), moved.size(), merge.version());
    }

    private Subject load(SubjectId id) {
        return subjects.find(id).orElseThrow(() -> ErasedSubjects.missing(erasures, id));
    }

    /**
     * PIPL Art. 47: the connectors were sent the erasure of a subject being erased. Merged into
     * another, its identifiers would outlive the erasure there; merged into, the carried consents
     * would reach the platforms after the erasure.
     */
    private void requireNotErasing(SubjectId id, String role) {
        if (erasures.find(id).isPresent()) {
            throw new SubjectsNotMergeableException(role + " subject " + id + " is being erased");
        }
    }

    private void requireOwn(SubjectId id, String role) {
        MergedSubjects.standingFor(subjects, id).ifPresent(standing -> {
            throw new SubjectsNotMergeableException(role + " subject " + id + " was merged into " + standing + " already");
        });
    }

    /**
     * As for any consent event (PIPL Art. 47): a consent in force for {@code into} that the
     * person's newer choice under {@code from} stopped makes their data due for deletion, unless
     * the purpose needs no consent.
     */
    private boolean erasureDue(Optional<Consent> before, Consent carried) {
        boolean wasInForce = before.map(Consent::state).orElse(null) == ConsentState.GRANTED;
        boolean stopped = carried.state() == ConsentState.WITHDRAWN || carried.state() == ConsentState.DENIED
                || carried.state() == ConsentState.EXPIRED;
        return wasInForce && stopped && purposes.find(carried.purpose()).map(Purpose::requiresConsent).orElse(true);
    }
}
