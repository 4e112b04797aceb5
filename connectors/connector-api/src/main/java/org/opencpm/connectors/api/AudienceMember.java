package org.opencpm.connectors.api;

import java.util.List;
import java.util.Objects;

/**
 * One person of an {@link Audience} (since 1.3.0). Its {@link #toString()} shows no identifier
 * value (a {@link SubjectIdentifier} hides its own).
 *
 * @param identifiers the person's identifiers of the types the connector declares
 */
public record AudienceMember(String subjectId, List<SubjectIdentifier> identifiers) {

    public AudienceMember {
        Objects.requireNonNull(subjectId, "subjectId");
        identifiers = List.copyOf(identifiers);
    }
}
