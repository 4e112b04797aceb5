package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.subject.SubjectId;

/** A subject's consents as they stand now, one per purpose, with each state evaluated at {@code now}. */
public record SubjectConsents(SubjectId subjectId, List<Entry> consents) {

    public SubjectConsents {
        consents = List.copyOf(consents);
    }

    /** One purpose: the consent and its state now (a lapsed grant reads {@code expired}). */
    public record Entry(Consent consent, ConsentState stateNow) {
    }
}
