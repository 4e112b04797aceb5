package org.opencpm.domain.subject;

import java.util.List;
import org.opencpm.domain.Checks;

/** The person who consents for a minor: how they are identified and how they are related. */
public record Guardian(List<Identifier> identifiers, GuardianRelation relation) {

    public Guardian {
        identifiers = List.copyOf(Checks.notEmpty(Checks.required(identifiers, "guardian.identifiers"), "guardian.identifiers"));
        Checks.required(relation, "guardian.relation");
    }
}
