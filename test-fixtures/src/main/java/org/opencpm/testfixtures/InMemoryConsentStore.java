package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

public final class InMemoryConsentStore implements ConsentStore {

    private final Map<SubjectId, Map<PurposeCode, Consent>> consents = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryConsentStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Map<PurposeCode, Consent> consentsOf(SubjectId subject) {
        return Map.copyOf(consents.getOrDefault(subject, Map.of()));
    }

    @Override
    public void save(Consent consent) {
        Map<PurposeCode, Consent> ofSubject = consents.computeIfAbsent(consent.subject(), s -> new ConcurrentHashMap<>());
        Consent previous = ofSubject.put(consent.purpose(), consent);
        tx.onRollback(() -> {
            if (previous == null) {
                ofSubject.remove(consent.purpose());
            } else {
                ofSubject.put(consent.purpose(), previous);
            }
        });
    }

    @Override
    public List<Consent> lapsed(Instant by, Optional<Consent> after, int limit) {
        Comparator<Consent> order = Comparator.<Consent, Instant>comparing(c -> c.expiresAt().orElseThrow())
                .thenComparing(c -> c.subject().value()).thenComparing(c -> c.purpose().value());
        return consents.values().stream().flatMap(ofSubject -> ofSubject.values().stream())
                .filter(c -> c.lapsedBy(by))
                .filter(c -> after.isEmpty() || order.compare(c, after.get()) > 0)
                .sorted(order).limit(limit).toList();
    }

    /** Every stored consent, for assertions. */
    public Map<SubjectId, Map<PurposeCode, Consent>> all() {
        Map<SubjectId, Map<PurposeCode, Consent>> copy = new HashMap<>();
        consents.forEach((subject, ofSubject) -> {
            if (!ofSubject.isEmpty()) {
                copy.put(subject, Map.copyOf(ofSubject));
            }
        });
        return copy;
    }

    /** Deletes every consent of {@code subject} (the shredder's part); returns how many. */
    public int forget(SubjectId subject) {
        Map<PurposeCode, Consent> gone = consents.remove(subject);
        if (gone == null) {
            return 0;
        }
        tx.onRollback(() -> consents.put(subject, gone));
        return gone.size();
    }
}
