package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Where a {@link SubjectExport} writes, one call per section, in the order declared here (each
 * called exactly once): a JSON document in the REST adapter. The streams are lazy: a sink that
 * writes each element as it comes holds one at a time, however long the person's history; one that
 * collects them to a list defeats the export's streaming.
 */
public interface SubjectExportSink {

    /** First: whose export, made when. */
    void begin(SubjectId subject, Instant exportedAt);

    /** The person's identifiers, in clear (opened from the identity vault). */
    void identifiers(Stream<Identifier> identifiers);

    /** Their consent to each purpose, by purpose, with its state now. */
    void consents(Stream<SubjectConsents.Entry> consents);

    /** Their preferences, if they ever set any. */
    void preferences(Optional<Preferences> preferences);

    /** Every audit event about them, oldest first, with the personal data each one sealed, opened. */
    void history(Stream<ExportedEvent> events);

    /** Each notice version their consents and events refer to, once, with its text and hash. */
    void notices(Stream<Notice> notices);

    /** The receipt of each consent event they made, oldest first. */
    void receipts(Stream<ConsentReceipt> receipts);

    /**
     * The evidence files kept from their consent events (a signature, a scanned form), without their
     * bytes: the hash each consent event names in its {@code attachments} detail, the format, the size.
     */
    void attachments(Stream<KeptAttachment> attachments);

    /** Each delivery of their changes to a connector, in the order they were written. */
    void deliveries(Stream<Delivery> deliveries);

    /** Last: the document is complete. Never called when a section failed. */
    void end();
}
