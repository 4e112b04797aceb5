package org.opencpm.application.consent;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The consents a batch of events writes, kept in memory until the batch is {@linkplain #flush
 * flushed} and read back by its later events: a subject's consents are the stored ones (read once;
 * none for a subject the batch registered) with the batch's own on top.
 */
final class BufferedConsents implements ConsentStore {

    private final ConsentStore stored;
    private final BufferedSubjects subjects;
    private final BatchUndo undo;
    private final Map<SubjectId, Map<PurposeCode, Consent>> read = new HashMap<>();
    private final Map<SubjectId, Map<PurposeCode, Consent>> written = new LinkedHashMap<>();

    BufferedConsents(ConsentStore stored, BufferedSubjects subjects, BatchUndo undo) {
        this.stored = stored;
        this.subjects = subjects;
        this.undo = undo;
    }

    @Override
    public Map<PurposeCode, Consent> consentsOf(SubjectId subject) {
        Map<PurposeCode, Consent> consents = new HashMap<>(subjects.registeredHere(subject)
                ? Map.of() : read.computeIfAbsent(subject, stored::consentsOf));
        consents.putAll(written.getOrDefault(subject, Map.of()));
        return Map.copyOf(consents);
    }

    @Override
    public void save(Consent consent) {
        undo.put(written.computeIfAbsent(consent.subject(), s -> new HashMap<>()), consent.purpose(), consent);
    }

    @Override
    public List<Consent> lapsed(Instant by, Optional<Consent> after, int limit) {
        return stored.lapsed(by, after, limit);
    }

    void flush() {
        stored.saveAll(written.values().stream().flatMap(byPurpose -> byPurpose.values().stream()).toList());
    }
}
