package org.opencpm.application.port.out;

import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;

/** Everything a decision needs to know about one subject. */
public record SubjectState(Subject subject, Map<PurposeCode, Consent> consents, Preferences preferences) {

    public SubjectState {
        consents = Map.copyOf(consents);
    }

    public Optional<Consent> consentTo(PurposeCode purpose) {
        return Optional.ofNullable(consents.get(purpose));
    }
}
