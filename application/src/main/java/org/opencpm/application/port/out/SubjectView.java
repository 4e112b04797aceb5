package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.ConsentStatus;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What a decision reads of one subject, and nothing more: who they are, whether they are a minor,
 * their consent to one purpose as a {@link ConsentStatus}, their preferences. A {@link SubjectState}
 * is one; a compact decision index answers with a view of its own form instead, so that a decision
 * does not build the subject's whole state (ADR 0020).
 */
public interface SubjectView {

    SubjectId id();

    /** Whether, on the day (China time) of {@code now}, a guardian must consent for this person. */
    boolean isMinorAt(Instant now);

    /** Their consent to {@code purpose}, empty when none was ever recorded. */
    Optional<? extends ConsentStatus> consentTo(PurposeCode purpose);

    Preferences preferences();
}
