package org.opencpm.application.consent;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencpm.application.Ports;
import org.opencpm.application.ChangeFeed;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.PendingConfirmation;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentRecorded;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.Subject;

/**
 * Writes an accepted consent recording, inside the caller's transaction: the subject and its new
 * identifiers, the consents, one audit event per event and one outbox entry per change, a
 * confirmation token for a grant left pending; and after commit, tells the decision index. An
 * event that arrived late (older than the one in force) is written to the audit trail only.
 */
final class ConsentWriter {

    /** How long a double opt-in link stays valid. */
    static final Duration CONFIRMATION_WINDOW = Duration.ofDays(7);

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final PreferenceStore preferences;
    private final AuditTrail audit;
    private final ChangeFeed changes;
    private final ConfirmationTokens tokens;
    private final IdentityVault vault;
    private final DecisionIndex index;
    private final Retrying retrying;
    private final SecureRandom random = new SecureRandom();

    ConsentWriter(Ports ports, Retrying retrying) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.preferences = ports.preferences();
        this.audit = ports.audit();
        this.changes = new ChangeFeed(ports, retrying);
        this.tokens = ports.confirmationTokens();
        this.vault = ports.vault();
        this.index = ports.decisionIndex();
        this.retrying = retrying;
    }

    /**
     * @param stored          the subject's version as loaded, empty for a new subject
     * @param current         the subject's consents before the recording
     * @param newIdentifiers  identifiers to link to the subject, with their hashes
     * @param sealed          the encrypted form of (at least) every new identifier
     */
    List<ConsentReceipt> write(ConsentRecorder.Recording recording, Optional<Long> stored, Map<PurposeCode, Consent> current,
                               Map<Identifier, IdentifierHash> newIdentifiers, Map<Identifier, SealedIdentifier> sealed,
                               Optional<Guardian> guardian, Actor actor, Instant now) {
        Subject subject = recording.subject();
        subjects.save(subject, stored);
        newIdentifiers.forEach((identifier, hash) -> subjects.link(subject.id(), identifier.type(), hash,
                Objects.requireNonNull(sealed.get(identifier), "the sealed form of a new identifier")));

        // a subject registered by this very recording has set no preferences yet: nothing to read
        Preferences prefs = stored.isEmpty() ? Preferences.none() : preferences.find(subject.id()).orElse(Preferences.none());
        String guardianHashes = guardian.map(g -> g.identifiers().stream().map(vault::hash).map(IdentifierHash::hex)
                .collect(Collectors.joining(","))).orElse("");
        Map<PurposeCode, Consent> after = new HashMap<>(current);
        List<ConsentReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < recording.events().size(); i++) {
            ConsentRecorded event = recording.events().get(i);
            if (event.current()) {
                Consent consent = recording.consents().get(i);
                consents.save(consent);
                after.put(consent.purpose(), consent);
            }
            // A late event joins the audit chain like any other, its mark covered by the hash; but
            // it changed nothing, so connectors are not told and no confirmation is asked for.
            AuditEvent audited = audit.append(AuditRecords.consentRecorded(event, actor, now, guardianHashes));
            if (event.current()) {
                changes.publish(new ConsentChange(subject.id(), ConsentChange.Kind.CONSENT, Optional.of(event.purpose()),
                        Optional.of(event.state()), prefs, event.version(), event.occurredAt(), event.erasureDue(),
                        audited.eventId(), actor.connectorId()));
            }
            Optional<String> token = event.current() && event.state() == ConsentState.PENDING
                    ? Optional.of(newConfirmationToken(event, now))
                    : Optional.empty();
            receipts.add(new ConsentReceipt(audited.eventId(), subject.id(), event.purpose(), event.state(), event.current(),
                    event.version(), audited.recordedAt(), audited.hash(), token));
        }

        SubjectState state = new SubjectState(subject, after, prefs);
        retrying.afterCommit(() -> {
            newIdentifiers.values().forEach(hash -> index.identifierLinked(hash, subject.id()));
            index.subjectChanged(state);
        });
        return receipts;
    }

    private String newConfirmationToken(ConsentRecorded event, Instant now) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(vault.pseudonym(token), new PendingConfirmation(event.subject(), event.purpose(), now.plus(CONFIRMATION_WINDOW)));
        return token;
    }
}
