package org.opencpm.application.port.in;

import org.opencpm.domain.audit.VerificationResult;

/** Walk the whole audit chain and say whether it holds, or where it first breaks. */
public interface VerifyAuditUseCase {

    VerificationResult verify();
}
