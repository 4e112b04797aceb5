package org.opencpm.domain.consent;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * How a consent event came about, as it will be shown to an auditor: where it was collected, how
 * the person expressed it, from which address and client, which staff member helped, the words
 * they saw or said, and the files that show it (a signature drawn on a store tablet, a scanned
 * form: {@link Attachment}).
 *
 * @param attachments at most {@value #MAX_ATTACHMENTS}, of {@value #MAX_ATTACHMENT_BYTES} bytes together, no file twice
 */
public record Evidence(
        CollectionChannel channel,
        ConsentMethod method,
        Optional<String> ip,
        Optional<String> userAgent,
        Optional<String> operator,
        Optional<String> text,
        List<Attachment> attachments) {

    /** The most files one event may carry. */
    public static final int MAX_ATTACHMENTS = 4;
    /**
     * The most bytes of files one event may carry: what a request of 1 MiB holds as base64, so that
     * an event of a batch carries no more than an event sent alone.
     */
    public static final int MAX_ATTACHMENT_BYTES = 768 * 1024;

    public Evidence {
        Checks.required(channel, "channel");
        Checks.required(method, "method");
        Checks.required(ip, "evidence.ip").ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 64, "evidence.ip"), "evidence.ip"));
        Checks.required(userAgent, "evidence.userAgent")
                .ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 1000, "evidence.userAgent"), "evidence.userAgent"));
        Checks.required(operator, "evidence.operator")
                .ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 200, "evidence.operator"), "evidence.operator"));
        Checks.required(text, "evidence.text").ifPresent(v -> Checks.text(Checks.maxLength(v, 10_000, "evidence.text"), "evidence.text"));
        attachments = Checks.copyOf(attachments, "evidence.attachments");
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new InvalidValueException("evidence.attachments", "at most " + MAX_ATTACHMENTS + " files in one event");
        }
        long bytes = attachments.stream().mapToLong(Attachment::size).sum();
        if (bytes > MAX_ATTACHMENT_BYTES) {
            throw new InvalidValueException("evidence.attachments", "the files hold " + bytes + " bytes together; at most "
                    + MAX_ATTACHMENT_BYTES + " in one event");
        }
        Set<AttachmentHash> seen = new HashSet<>();
        for (Attachment attachment : attachments) {
            if (!seen.add(attachment.hash())) {
                throw new InvalidValueException("evidence.attachments", "the same file (" + attachment.hash() + ") is attached twice");
            }
        }
    }

    /** Evidence without files. */
    public Evidence(CollectionChannel channel, ConsentMethod method, Optional<String> ip, Optional<String> userAgent,
                    Optional<String> operator, Optional<String> text) {
        this(channel, method, ip, userAgent, operator, text, List.of());
    }

    /** Evidence with only a channel and a method. */
    public static Evidence of(CollectionChannel channel, ConsentMethod method) {
        return new Evidence(channel, method, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
