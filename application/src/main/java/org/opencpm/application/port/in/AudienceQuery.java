package org.opencpm.application.port.in;

import org.opencpm.domain.Checks;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.PurposeCode;

/** Which people of an audience may be reached for {@code purpose} in the circumstances of {@code usage}. */
public record AudienceQuery(PurposeCode purpose, UsageRequest usage) {

    public AudienceQuery {
        Checks.required(purpose, "purpose");
        Checks.required(usage, "usage");
    }
}
