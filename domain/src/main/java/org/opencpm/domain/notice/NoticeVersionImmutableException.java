package org.opencpm.domain.notice;

import org.opencpm.domain.DomainException;

/** A published notice version was published again with different text: versions never change. */
public final class NoticeVersionImmutableException extends DomainException {

    public NoticeVersionImmutableException(NoticeRef ref) {
        super("notice-version-immutable", Kind.CONFLICT, "notice " + ref
                + " is already published with other content; publish a new version instead");
    }
}
