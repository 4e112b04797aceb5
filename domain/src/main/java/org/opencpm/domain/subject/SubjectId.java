package org.opencpm.domain.subject;

import org.opencpm.domain.InvalidValueException;
import java.util.UUID;

/**
 * OpenCPM's own identifier of a subject, e.g. {@code sub_3f0c…}. It is a pseudonym: it reveals
 * nothing about the person and is safe to put in URLs and logs.
 */
public record SubjectId(String value) {


    public SubjectId {
        if (value == null || !wellFormed(value)) {
            // the value is not repeated: a phone or an email sent by mistake must not come back in the answer
            throw new InvalidValueException("subjectId", "is not a subject id (1–64 letters, digits, '_' or '-')");
        }
    }

    /**
     * {@code [A-Za-z0-9_-]{1,64}}, checked by hand: ids are made on every decision by id and every
     * identifier lookup, where a regular expression's matcher cost more than the lookup itself.
     */
    private static boolean wellFormed(String value) {
        int length = value.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    /**
     * A new id, random: not time-ordered like audit event ids, though that would keep the subject
     * indexes' inserts local, because an id handed to connectors, partners and URLs would then tell
     * when the person was first recorded, to the millisecond — a pseudonym reveals nothing.
     */
    public static SubjectId newId() {
        return new SubjectId("sub_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
