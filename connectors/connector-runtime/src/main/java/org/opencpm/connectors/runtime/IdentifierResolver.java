package org.opencpm.connectors.runtime;

import java.util.List;
import java.util.Set;
import org.opencpm.connectors.api.SubjectIdentifier;

/** The identifiers of a subject a connector needs, in clear: opened from the identity vault only for the send. */
@FunctionalInterface
public interface IdentifierResolver {

    List<SubjectIdentifier> identifiersOf(String subjectId, Set<String> types);
}
