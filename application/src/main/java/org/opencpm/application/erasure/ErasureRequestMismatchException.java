package org.opencpm.application.erasure;

import org.opencpm.domain.DomainException;

/**
 * An erasure on request needs the person's own open deletion request (PIPL Art. 47 (1), Art. 50):
 * not another person's, not another type, not one answered already.
 */
public final class ErasureRequestMismatchException extends DomainException {

    public ErasureRequestMismatchException(String requestId, String why) {
        super("erasure-request-mismatch", Kind.RULE_VIOLATION, "rights request " + requestId + " " + why);
    }
}
