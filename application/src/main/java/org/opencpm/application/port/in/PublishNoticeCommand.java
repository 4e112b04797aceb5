package org.opencpm.application.port.in;

import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;

/** Publish a version of a notice: its text or where it is published, the purposes it covers. */
public record PublishNoticeCommand(
        NoticeRef ref,
        String language,
        String title,
        Optional<String> content,
        Optional<String> url,
        Set<PurposeCode> purposes,
        boolean material,
        Actor actor) {

    public PublishNoticeCommand {
        Checks.required(ref, "notice");
        Checks.required(content, "content");
        Checks.required(url, "url");
        purposes = Set.copyOf(Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes"));
        Checks.required(actor, "actor");
    }
}
