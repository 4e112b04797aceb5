package org.opencpm.application.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.PendingConfirmation;
import org.opencpm.domain.subject.SubjectId;

/**
 * The outbox entries and double opt-in tokens of a batch of events, kept in memory until the
 * batch is {@linkplain #flush flushed}. Nothing in a batch reads them back.
 */
final class BufferedChanges {

    private final Outbox outbox;
    private final ConfirmationTokens tokens;
    private final BatchUndo undo;
    private final List<Outbox.Enqueued> enqueued = new ArrayList<>();
    private final Map<String, PendingConfirmation> pending = new LinkedHashMap<>();

    BufferedChanges(Outbox outbox, ConfirmationTokens tokens, BatchUndo undo) {
        this.outbox = outbox;
        this.tokens = tokens;
        this.undo = undo;
    }

    Outbox outbox() {
        return new Outbox() {
            @Override
            public void enqueue(ConsentChange change, List<String> connectors) {
                undo.add(enqueued, new Outbox.Enqueued(change, connectors));
            }

            @Override
            public long undeliveredOf(SubjectId subject) {
                return outbox.undeliveredOf(subject);
            }
        };
    }

    ConfirmationTokens tokens() {
        return new ConfirmationTokens() {
            @Override
            public void save(String tokenHash, PendingConfirmation confirmation) {
                undo.put(pending, tokenHash, confirmation);
            }

            @Override
            public Optional<PendingConfirmation> take(String tokenHash) {
                throw new UnsupportedOperationException("a batch of consent events confirms nothing");
            }
        };
    }

    void flush() {
        outbox.enqueueAll(enqueued);
        tokens.saveAll(pending);
    }
}
