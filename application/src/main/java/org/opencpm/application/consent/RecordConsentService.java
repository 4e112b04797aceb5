package org.opencpm.application.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.subject.Identifier;

/**
 * Records consent events. Reads everything the rules need, lets the domain's {@link
 * ConsentRecorder} accept or refuse the event as a whole, and only then writes, in one
 * transaction, the state, the audit events, the outbox entries and the evidence files the audit
 * events name (sealed under the person's key, ADR 0013). A repeat of an idempotency key writes
 * nothing again.
 *
 * <p>A batch is recorded in one transaction ({@link ConsentBatch}, ADR 0017): the same rules for
 * each event in order, its writes buffered and sent to the stores together at the end, so that a
 * thousand events cost one commit and one audit head update instead of a thousand.
 */
public final class RecordConsentService implements RecordConsentUseCase, RecordConsentBatchUseCase {

    /**
     * A new batch over this service's ports: a batch puts buffered stores in the place of the
     * stored ones in the whole port set the one-event recorder is made from.
     */
    private final Supplier<ConsentBatch> newBatch;
    private final IdentityVault vault;
    private final Clock clock;
    private final Retrying retrying;
    private final SubjectResolver resolver;
    private final OneEventRecorder recorder;

    /** @param attachments where the events' evidence files are kept (ADR 0013) */
    public RecordConsentService(Ports ports, AttachmentStore attachments) {
        this.newBatch = () -> new ConsentBatch(ports, attachments);
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.resolver = new SubjectResolver(vault);
        this.recorder = new OneEventRecorder(ports, retrying, attachments);
    }

    @Override
    public RecordConsentResult record(RecordConsentCommand command) {
        PreparedEvent event = prepare(command);
        return retrying.inTransaction(() -> recorder.record(event));
    }

    /**
     * Every event prepared first, outside the transaction; then all recorded in one ({@link
     * ConsentBatch}), each answered in place as if recorded on its own, in the order given. A
     * conflict with a concurrent writer runs the whole batch again.
     */
    @Override
    public List<BatchItemResult> recordAll(List<RecordConsentCommand> commands) {
        if (commands.size() > MAX_EVENTS) {
            throw new InvalidValueException("events", "at most " + MAX_EVENTS + " events in one batch");
        }
        List<PreparedEvent> events = commands.stream().map(this::prepare).toList();
        return retrying.inTransaction(() -> newBatch.get().record(events));
    }

    /**
     * Keyed hashes, encryption and the fingerprint depend on the command alone: worked out before
     * the transaction, so that it holds the database no longer than it must.
     */
    private PreparedEvent prepare(RecordConsentCommand command) {
        Instant now = clock.now();
        Map<Identifier, IdentifierHash> hashes = resolver.hashes(command.subject().identifiers());
        Map<Identifier, SealedIdentifier> sealed = new LinkedHashMap<>();
        hashes.keySet().forEach(identifier -> sealed.put(identifier, vault.seal(identifier)));
        Optional<String> fingerprint = command.idempotencyKey().map(key -> fingerprint(command));
        return new PreparedEvent(command, hashes, sealed, fingerprint, now);
    }

    /** A keyed fingerprint of what the event says, to tell a repeat from a different event. */
    private String fingerprint(RecordConsentCommand c) {
        String identifiers = c.subject().identifiers().stream().map(Identifier::canonical).collect(Collectors.toCollection(TreeSet::new)).toString();
        String guardian = c.guardian().map(g -> g.relation().code() + g.identifiers().stream().map(Identifier::canonical)
                .collect(Collectors.toCollection(TreeSet::new))).orElse("-");
        String text = String.join("\n", c.action().code(), new TreeSet<>(c.purposes()).toString(), identifiers,
                c.subject().birthDate().map(Object::toString).orElse("-"), c.subject().minor().map(Object::toString).orElse("-"),
                c.notice().map(Object::toString).orElse("-"), c.evidence().toString(), guardian,
                c.occurredAt().map(Object::toString).orElse("-"));
        return vault.pseudonym(text);
    }
}
