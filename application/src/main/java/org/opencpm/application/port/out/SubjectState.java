package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/** Everything a decision needs to know about one subject. */
public record SubjectState(Subject subject, Map<PurposeCode, Consent> consents, Preferences preferences) implements SubjectView {

    public SubjectState {
        consents = Map.copyOf(consents);
    }

    @Override
    public Optional<Consent> consentTo(PurposeCode purpose) {
        return Optional.ofNullable(consents.get(purpose));
    }

    @Override
    public SubjectId id() {
        return subject.id();
    }

    @Override
    public boolean isMinorAt(Instant now) {
        return subject.isMinorOn(now.atZone(ChinaTime.ZONE).toLocalDate());
    }
}
