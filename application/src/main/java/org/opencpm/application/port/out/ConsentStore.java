package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** The current consent of each subject to each purpose. The history lives in the {@link AuditTrail}. */
public interface ConsentStore {

    /** Every consent of the subject, by purpose; empty when none was recorded. */
    Map<PurposeCode, Consent> consentsOf(SubjectId subject);

    /** Inserts or replaces the consent of its subject to its purpose. */
    void save(Consent consent);

    /** {@link #save}s each consent (at most one per subject and purpose): a batch's, sent to the database together. */
    default void saveAll(Collection<Consent> consents) {
        consents.forEach(this::save);
    }

    /**
     * Recorded grants whose validity ran out by {@code by} ({@code expiresAt} at or before it):
     * their expiry is due to be recorded. In the order of {@code expiresAt}, then subject id, then
     * purpose code (compared as plain strings); only those after {@code after} in that order when
     * given (keyset paging: a page that could not be expired is passed over, not read again);
     * at most {@code limit}.
     */
    List<Consent> lapsed(Instant by, Optional<Consent> after, int limit);
}
