package org.opencpm.application.port.out;

import org.opencpm.domain.subject.SubjectId;

/**
 * Deletes, in the caller's transaction, everything stored about a person outside the audit chain:
 * the subject and its identifier links (hashes and sealed values), consents, preferences, send
 * counts, pending confirmations, the changes kept for connectors and their deliveries, the
 * evidence files of their consent events ({@link AttachmentStore}), and the free text of their
 * rights requests (the requests stay, as records that they were answered). Their key is the
 * {@link SubjectKeyStore}'s to destroy. What the chain holds stays, sealed.
 */
public interface SubjectShredder {

    /** What {@link #shred} deleted, by kind: what the tombstone says was erased. */
    record Shredded(int identifiers, int consents, int preferences, int changes, int deliveries, int attachments) {

        /** Both counts added up: a person and the records merged into them. */
        public Shredded plus(Shredded other) {
            return new Shredded(identifiers + other.identifiers, consents + other.consents, preferences + other.preferences,
                    changes + other.changes, deliveries + other.deliveries, attachments + other.attachments);
        }
    }

    Shredded shred(SubjectId subject);
}
