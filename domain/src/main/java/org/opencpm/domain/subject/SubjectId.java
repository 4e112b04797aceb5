package org.opencpm.domain.subject;

import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.TimeOrderedUuid;

/**
 * OpenCPM's own identifier of a subject, e.g. {@code sub_3f0c…}. It is a pseudonym: it reveals
 * nothing about the person and is safe to put in URLs and logs.
 */
public record SubjectId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SubjectId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            // the value is not repeated: a phone or an email sent by mistake must not come back in the answer
            throw new InvalidValueException("subjectId", "is not a subject id (1–64 letters, digits, '_' or '-')");
        }
    }

    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    /** A new id: time-ordered ({@link TimeOrderedUuid}), so that new subjects' rows land at the end of their indexes. */
    public static SubjectId newId() {
        return new SubjectId("sub_" + TimeOrderedUuid.next().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
