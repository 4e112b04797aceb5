package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Publish a version of a notice: its text or where it is published, the purposes it covers; and,
 * for a version people were shown before it was published here (an import from the system OpenCPM
 * replaces), when it was first published. Without that, it is published now.
 *
 * @param contentHash the SHA-256 of the text people read, as its publisher took it: required for a
 *                    version published by {@code url} alone (PIPL Art. 14, 17), and when given with
 *                    {@code content} it must be that content's hash
 */
public record PublishNoticeCommand(
        NoticeRef ref,
        String language,
        String title,
        Optional<String> content,
        Optional<String> url,
        Optional<ContentHash> contentHash,
        Set<PurposeCode> purposes,
        boolean material,
        Optional<Instant> publishedAt,
        Actor actor) {

    /** A version published now. */
    public PublishNoticeCommand(NoticeRef ref, String language, String title, Optional<String> content, Optional<String> url,
                                Set<PurposeCode> purposes, boolean material, Actor actor) {
        this(ref, language, title, content, url, Optional.empty(), purposes, material, Optional.empty(), actor);
    }

    /** A version by its text or its url, published now or when it was first published, without a declared hash. */
    public PublishNoticeCommand(NoticeRef ref, String language, String title, Optional<String> content, Optional<String> url,
                                Set<PurposeCode> purposes, boolean material, Optional<Instant> publishedAt, Actor actor) {
        this(ref, language, title, content, url, Optional.empty(), purposes, material, publishedAt, actor);
    }

    public PublishNoticeCommand {
        Checks.required(ref, "notice");
        Checks.required(content, "content");
        Checks.required(url, "url");
        Checks.required(contentHash, "contentHash");
        Checks.required(publishedAt, "publishedAt");
        purposes = Set.copyOf(Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes"));
        Checks.required(actor, "actor");
    }
}
