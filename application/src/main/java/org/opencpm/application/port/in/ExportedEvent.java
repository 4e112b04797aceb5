package org.opencpm.application.port.in;

import java.util.Map;
import java.util.Objects;
import org.opencpm.domain.audit.AuditEvent;

/**
 * One event of a person's history as their export shows it: the event as chained (its details
 * without the sealed blob, which is no data to them, but with its sequence number and hashes, so
 * that they can check it against a published chain), and the personal data it sealed, opened with
 * their key.
 *
 * @param personal the personal data in clear; empty when the event carries none or it was erased
 */
public record ExportedEvent(AuditEvent event, Map<String, String> personal, Personal status) {

    /** What became of the event's personal data. */
    public enum Personal {
        /** Opened with the person's key: {@link #personal()} holds it. */
        READABLE,
        /** The event recorded no personal data. */
        NONE,
        /** The person's key was destroyed (erasure): the data is gone for good. */
        ERASED
    }

    public ExportedEvent {
        Objects.requireNonNull(event, "event");
        personal = Map.copyOf(personal);
        Objects.requireNonNull(status, "status");
    }
}
