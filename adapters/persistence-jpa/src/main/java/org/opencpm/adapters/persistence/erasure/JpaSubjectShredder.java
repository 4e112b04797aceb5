package org.opencpm.adapters.persistence.erasure;

import jakarta.persistence.EntityManager;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.subject.SubjectId;

/**
 * Deletes a person's rows with plain {@code DELETE}s (their idempotency rows kept, emptied) in the caller's transaction (the persistence
 * context is flushed first and cleared after, so no entity read earlier outlives its row). Kept:
 * the audit chain (sealed), the erasure row, the rights requests without their free text, and the
 * decision log of uses on a basis other than consent (pseudonymous; the accountability record of
 * PIPL Art. 13) — see ADR 0010.
 */
public final class JpaSubjectShredder implements SubjectShredder {

    /** What an erased person's idempotency rows keep as fingerprint: matches no request. */
    public static final String ERASED_FINGERPRINT = "erased";

    private final JpaTransactions tx;

    public JpaSubjectShredder(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Shredded shred(SubjectId subject) {
        return tx.write(em -> {
            em.flush();
            String id = subject.value();
            // the subject row first: a writer that holds it (a rights request being recorded) finishes
            // before this goes on, and one that comes after finds nobody — so no row of theirs escapes below
            delete(em, "DELETE FROM subject WHERE id = ?1", id);
            em.createNativeQuery("DELETE FROM subject_merge WHERE absorbed_id = ?1 OR into_id = ?1").setParameter(1, id).executeUpdate();
            int identifiers = delete(em, "DELETE FROM subject_identifier WHERE subject_id = ?1", id);
            int consents = delete(em, "DELETE FROM consent WHERE subject_id = ?1", id);
            int preferences = delete(em, "DELETE FROM preferences WHERE subject_id = ?1", id);
            delete(em, "DELETE FROM send_budget WHERE subject_id = ?1", id);
            delete(em, "DELETE FROM confirmation_token WHERE subject_id = ?1", id);
            // through the person's changes (ix_outbox_subject, ix_delivery_outbox): every delivery has its change
            int deliveries = delete(em, "DELETE FROM outbox_delivery WHERE outbox_id IN (SELECT id FROM outbox WHERE subject_id = ?1)", id);
            int changes = delete(em, "DELETE FROM outbox WHERE subject_id = ?1", id);
            // the evidence files, already noise once the key is destroyed, go too
            int attachments = delete(em, "DELETE FROM evidence_attachment WHERE subject_id = ?1", id);
            // as RightsRequest.withoutFreeText: an operator's name becomes its erased mark, never NULL
            delete(em, "UPDATE rights_request SET note = NULL, resolution = NULL, verified_by = CASE WHEN verified_by IS NULL"
                    + " THEN NULL ELSE '" + RightsRequest.ERASED_TEXT + "' END WHERE subject_id = ?1", id);
            // A client's idempotency key stays taken (a replay must not record the person again), but its
            // fingerprint — a keyed hash of the phone and the evidence, guessable by whoever holds the
            // vault key — and the receipts go: a replay is then refused as a reused key.
            em.createNativeQuery("UPDATE idempotency SET fingerprint = ?1, receipts = ?2 WHERE receipts LIKE ?3")
                    .setParameter(1, ERASED_FINGERPRINT)
                    .setParameter(2, "[]")
                    .setParameter(3, "%\"subjectId\":\"" + id + "\"%")
                    .executeUpdate();
            em.clear();
            return new Shredded(identifiers, consents, preferences, changes, deliveries, attachments);
        });
    }

    private static int delete(EntityManager em, String sql, String subjectId) {
        return em.createNativeQuery(sql).setParameter(1, subjectId).executeUpdate();
    }
}
