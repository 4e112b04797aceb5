package org.opencpm.application.port.out;

import org.opencpm.domain.subject.SubjectId;

/**
 * Deletes, in the caller's transaction, everything stored about a person outside the audit chain:
 * the subject and its identifier links (hashes and sealed values), consents, preferences, send
 * counts, pending confirmations, the changes kept for connectors and their deliveries, and the free
 * text of their rights requests (the requests stay, as records that they were answered). Their
 * key is the {@link SubjectKeyStore}'s to destroy. What the chain holds stays, sealed.
 */
public interface SubjectShredder {

    /** What {@link #shred} deleted, by kind: what the tombstone says was erased. */
    record Shredded(int identifiers, int consents, int preferences, int changes, int deliveries) {
    }

    Shredded shred(SubjectId subject);
}
