package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;

/** Where a self-service request came from, kept as evidence with the change: the client's address and user agent. */
public record SelfEvidence(Optional<String> ip, Optional<String> userAgent) {

    public SelfEvidence {
        Checks.required(ip, "ip");
        Checks.required(userAgent, "userAgent");
    }
}
