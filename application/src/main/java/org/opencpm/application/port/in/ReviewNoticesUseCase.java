package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;

/**
 * What an operator reviews before and after publishing a notice version: every version published,
 * and, for one version, who must be asked again because of it (PIPL Art. 14 ¶2: a change of
 * purpose, method or data needs new consent).
 */
public interface ReviewNoticesUseCase {

    /** The most subject ids one answer lists. */
    int MAX_LIMIT = 1000;

    /** Every version of every notice, by code, then in the order published. */
    List<Notice> versions();

    /**
     * The consents in force now that were given on an older version of {@code ref}'s notice for a
     * purpose {@code ref} covers, when {@code ref} is material (none when it is not); the first
     * {@code limit} of their subjects (clamped to 1..{@link #MAX_LIMIT}) in id order. Empty when
     * {@code ref} was never published.
     */
    Optional<NoticeReconsent> reconsent(NoticeRef ref, int limit);
}
