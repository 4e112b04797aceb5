package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Publish a version of a notice: its text or where it is published, the purposes it covers; and,
 * for a version people were shown before it was published here (an import from the system OpenCPM
 * replaces), when it was first published. Without that, it is published now.
 */
public record PublishNoticeCommand(
        NoticeRef ref,
        String language,
        String title,
        Optional<String> content,
        Optional<String> url,
        Set<PurposeCode> purposes,
        boolean material,
        Optional<Instant> publishedAt,
        Actor actor) {

    /** A version published now. */
    public PublishNoticeCommand(NoticeRef ref, String language, String title, Optional<String> content, Optional<String> url,
                                Set<PurposeCode> purposes, boolean material, Actor actor) {
        this(ref, language, title, content, url, purposes, material, Optional.empty(), actor);
    }

    public PublishNoticeCommand {
        Checks.required(ref, "notice");
        Checks.required(content, "content");
        Checks.required(url, "url");
        Checks.required(publishedAt, "publishedAt");
        purposes = Set.copyOf(Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes"));
        Checks.required(actor, "actor");
    }
}
