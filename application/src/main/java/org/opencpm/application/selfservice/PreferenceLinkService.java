package org.opencpm.application.selfservice;

import java.time.Duration;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.IssuePreferenceLinkUseCase;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * Issues preference-centre links: a signed token naming one person until an expiry (ADR 0022).
 * Only for a person who is there to be shown: unknown, erased, being erased or merged away is
 * refused, so that a brand learns at once that the link would lead nowhere.
 */
public final class PreferenceLinkService implements IssuePreferenceLinkUseCase {

    private final SubjectStore subjects;
    private final ErasureStore erasures;
    private final Clock clock;
    private final SelfTokens tokens;

    public PreferenceLinkService(SubjectStore subjects, ErasureStore erasures, Clock clock, SelfTokens tokens) {
        this.subjects = subjects;
        this.erasures = erasures;
        this.clock = clock;
        this.tokens = tokens;
    }

    @Override
    public PreferenceLink issue(SubjectId subject, Duration ttl, Actor actor) {
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidValueException("ttlMinutes", "must be between " + MIN_TTL.toMinutes() + " and " + MAX_TTL.toMinutes());
        }
        subjects.find(subject).orElseThrow(() -> ErasedSubjects.missing(erasures, subject));
        ErasedSubjects.requireNotErasing(erasures, subject);
        MergedSubjects.requireOwn(subjects, subject);
        SelfTokens.Issued issued = tokens.issue(VerificationMethod.LINK, subject, clock.now().plus(ttl));
        return new PreferenceLink(issued.token(), issued.tokenId(), issued.expiresAt());
    }
}
