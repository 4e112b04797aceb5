package org.opencpm.application.port.in;

import org.opencpm.domain.Checks;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.PurposeCode;

/** "May this subject's data be used for this purpose, in these circumstances, now?" */
public record DecisionQuery(SubjectLocator subject, PurposeCode purpose, UsageRequest usage) {

    public DecisionQuery {
        Checks.required(subject, "subject");
        Checks.required(purpose, "purpose");
        Checks.required(usage, "usage");
    }
}
