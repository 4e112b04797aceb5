package org.opencpm.adapters.persistence.evidence;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.SealedAttachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.AttachmentMediaType;
import org.opencpm.domain.subject.SubjectId;

/**
 * Evidence files in {@code evidence_attachment}, one row per person and hash. Keeping a file looks
 * for its row first and inserts it only when there is none; two transactions keeping the same file
 * of the same person at once meet at the primary key, and the later one is a conflict to retry
 * (it then finds the row). The listing reads no sealed bytes.
 */
public final class JpaAttachmentStore implements AttachmentStore {

    private final JpaTransactions tx;

    public JpaAttachmentStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean keep(SubjectId subject, SealedAttachment attachment) {
        KeptAttachment kept = attachment.kept();
        return tx.write(em -> {
            if (em.find(AttachmentJpaEntity.class, new AttachmentJpaEntity.Key(subject.value(), kept.hash().hex())) != null) {
                return false;
            }
            AttachmentJpaEntity row = new AttachmentJpaEntity();
            row.subjectId = subject.value();
            row.sha256 = kept.hash().hex();
            row.mediaType = kept.mediaType().value();
            row.size = kept.size();
            row.storedAt = kept.storedAt().toEpochMilli();
            row.sealed = Base64.getEncoder().encodeToString(attachment.sealed());
            em.persist(row);
            return true;
        });
    }

    @Override
    public Optional<SealedAttachment> find(SubjectId subject, AttachmentHash hash) {
        return tx.read(em -> Optional.ofNullable(em.find(AttachmentJpaEntity.class, new AttachmentJpaEntity.Key(subject.value(), hash.hex())))
                .map(row -> new SealedAttachment(kept(row.sha256, row.mediaType, row.size, row.storedAt), Base64.getDecoder().decode(row.sealed))));
    }

    @Override
    public List<KeptAttachment> keptFor(SubjectId subject) {
        return tx.read(em -> em.createQuery("SELECT a.sha256, a.mediaType, a.size, a.storedAt FROM AttachmentJpaEntity a"
                        + " WHERE a.subjectId = :subject ORDER BY a.storedAt, a.sha256", Object[].class)
                .setParameter("subject", subject.value())
                .getResultList().stream()
                .map(r -> kept((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).longValue()))
                .toList());
    }

    private static KeptAttachment kept(String sha256, String mediaType, int size, long storedAt) {
        return new KeptAttachment(new AttachmentHash(sha256), AttachmentMediaType.parse(mediaType, "media_type"), size,
                Instant.ofEpochMilli(storedAt));
    }
}
