package org.opencpm.testfixtures;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.SealedAttachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.subject.SubjectId;

/** Evidence files per person and hash in maps; writes inside a transaction are undone when it rolls back. */
public final class InMemoryAttachmentStore implements AttachmentStore {

    private final Map<SubjectId, Map<AttachmentHash, SealedAttachment>> files = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;
    private RuntimeException failNext;

    public InMemoryAttachmentStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public synchronized boolean keep(SubjectId subject, SealedAttachment attachment) {
        if (failNext != null) {
            RuntimeException failure = failNext;
            failNext = null;
            throw failure;
        }
        Map<AttachmentHash, SealedAttachment> ofSubject = files.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        AttachmentHash hash = attachment.kept().hash();
        if (ofSubject.putIfAbsent(hash, attachment) != null) {
            return false;
        }
        tx.onRollback(() -> ofSubject.remove(hash, attachment));
        return true;
    }

    @Override
    public Optional<SealedAttachment> find(SubjectId subject, AttachmentHash hash) {
        return Optional.ofNullable(files.getOrDefault(subject, Map.of()).get(hash));
    }

    @Override
    public List<KeptAttachment> keptFor(SubjectId subject) {
        return files.getOrDefault(subject, Map.of()).values().stream().map(SealedAttachment::kept)
                .sorted(Comparator.comparing(KeptAttachment::storedAt).thenComparing(kept -> kept.hash().hex()))
                .toList();
    }

    /** Makes the next {@link #keep} fail with {@code failure}, as a database that went away would. */
    public synchronized void failNextKeep(RuntimeException failure) {
        this.failNext = failure;
    }

    /** Forgets every file of {@code subject}, as the shredder's DELETE does: how many there were. */
    synchronized int forget(SubjectId subject) {
        Map<AttachmentHash, SealedAttachment> gone = files.remove(subject);
        if (gone == null) {
            return 0;
        }
        tx.onRollback(() -> files.put(subject, gone));
        return gone.size();
    }

    /** Every sealed file kept, of everyone: what a search of the database's bytes would look through. */
    public List<SealedAttachment> all() {
        return files.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
