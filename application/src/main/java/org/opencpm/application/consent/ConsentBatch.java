package org.opencpm.application.consent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.DomainException;

/**
 * A batch of consent events recorded in one transaction: each event in order, by the same {@link
 * OneEventRecorder} as an event on its own, but through buffered ports that keep the batch's
 * writes in memory (later events of the batch read them back: a subject's events apply in the
 * order given), and then all of them sent to the stores together — subjects, keys, identifiers,
 * consents, the audit events chained after one head, the outbox, tokens and idempotency outcomes.
 *
 * <p>An event the rules refuse is answered with its refusal in place and its buffered writes are
 * taken back ({@link BatchUndo}), as the savepoint of an event on its own would; the others stand.
 * What else fails fails the batch as a whole, which writes nothing (a {@link
 * org.opencpm.application.port.out.ConcurrencyConflictException}: the caller runs the whole batch again). The decision index and the connectors are told after commit,
 * in the order of the events. Use once, inside the transaction.
 */
final class ConsentBatch {

    private final Transactions transactions;
    private final BatchUndo undo = new BatchUndo();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final BufferedSubjects subjects;
    private final BufferedConsents consents;
    private final BufferedIdempotency idempotency;
    private final BufferedAuditTrail audit;
    private final BufferedChanges changes;
    private final BufferedSubjectKeys keys;
    private final OneEventRecorder recorder;

    ConsentBatch(Ports ports, AttachmentStore attachments) {
        this.transactions = ports.transactions();
        this.subjects = new BufferedSubjects(ports.subjects(), undo);
        this.consents = new BufferedConsents(ports.consents(), subjects, undo);
        this.idempotency = new BufferedIdempotency(ports.idempotency(), undo);
        this.audit = new BufferedAuditTrail(ports.audit(), undo);
        this.changes = new BufferedChanges(ports.outbox(), ports.confirmationTokens(), undo);
        this.keys = new BufferedSubjectKeys(ports.subjectKeys(), ports.erasures(), subjects, undo);
        Transactions inBatch = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get(); // the batch's transaction
            }

            @Override
            public void afterCommit(Runnable action) {
                undo.add(afterCommit, action);
            }
        };
        Ports buffered = new Ports(ports.purposes(), ports.notices(), subjects, consents, ports.preferences(), audit, changes.outbox(),
                ports.subscriptions(), ports.deadLetters(), ports.connectorRuntime(), idempotency, changes.tokens(), ports.sendBudget(),
                ports.decisionIndex(), ports.decisionLog(), ports.subjectStates(), ports.apiKeys(), ports.rightsRequests(), keys.keys(),
                keys.erasures(), ports.shredder(), ports.vault(), ports.personalCipher(), ports.clock(), inBatch);
        this.recorder = new OneEventRecorder(buffered, new Retrying(inBatch), attachments);
    }

    /** Records {@code events} in order and writes what they wrote; answers each in place. */
    List<BatchItemResult> record(List<PreparedEvent> events) {
        Set<IdentifierHash> hashes = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (PreparedEvent event : events) {
            hashes.addAll(event.hashes().values());
            event.command().idempotencyKey().ifPresent(keys::add);
        }
        subjects.lookUpAll(hashes);
        idempotency.lookUpAll(keys);

        List<BatchItemResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            undo.begin();
            try {
                results.add(BatchItemResult.recorded(i, recorder.record(events.get(i))));
            } catch (DomainException refused) {
                undo.rollBack();
                results.add(BatchItemResult.refused(i, refused));
            }
        }
        flush();
        return results;
    }

    private void flush() {
        subjects.flush();
        keys.flush();
        consents.flush();
        audit.flush();
        changes.flush();
        idempotency.flush();
        afterCommit.forEach(transactions::afterCommit);
    }
}
