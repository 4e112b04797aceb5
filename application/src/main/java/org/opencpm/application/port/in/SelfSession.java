package org.opencpm.application.port.in;

import java.time.Instant;
import org.opencpm.domain.Checks;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person using the preference centre: the one subject their token names, the token's id (kept
 * as evidence of every change made with it), when it stops working, and how the person got it
 * ({@code link}: a signed link the brand sent; {@code sms_code}: a one-time code to their phone).
 */
public record SelfSession(SubjectId subject, String tokenId, Instant expiresAt, VerificationMethod via) {

    public SelfSession {
        Checks.required(subject, "subject");
        Checks.requiredText(tokenId, "tokenId");
        Checks.required(expiresAt, "expiresAt");
        Checks.required(via, "via");
    }

    /** The actor audit events name for a change made in this session: the token, never the person's identifiers. */
    public Actor actor() {
        return new Actor("self:" + tokenId);
    }
}
