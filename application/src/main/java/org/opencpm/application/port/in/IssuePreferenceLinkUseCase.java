package org.opencpm.application.port.in;

import java.time.Duration;
import org.opencpm.domain.subject.SubjectId;

/** A brand asks for a link its customer can use to see and change their own choices (PIPL Art. 15, 44). */
public interface IssuePreferenceLinkUseCase {

    /** Shortest and longest life of a link. */
    Duration MIN_TTL = Duration.ofMinutes(5);
    Duration MAX_TTL = Duration.ofDays(7);

    /**
     * @throws org.opencpm.domain.InvalidValueException when {@code ttl} is outside [{@link #MIN_TTL}, {@link #MAX_TTL}]
     * @throws org.opencpm.application.SubjectNotFoundException when nobody has this id
     * @throws org.opencpm.application.SubjectErasedException when the person is erased or being erased
     * @throws org.opencpm.application.SubjectMergedException when the record was merged into another
     */
    PreferenceLink issue(SubjectId subject, Duration ttl, Actor actor);
}
